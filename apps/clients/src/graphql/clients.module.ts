import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { graphqlOperationTracing } from '@spn/observability';
import { HealthModule, typedInputError, type Health } from '@spn/service-kit';
import { ClientsService } from '../application/clients.service';
import { ClientsResolver } from './clients.resolver';

/** The clients subgraph as a Nest module, over a started {@link ClientsService}. */
@Module({})
export class ClientsGraphQLModule {
  static forRoot(clients: ClientsService, options: { production: boolean; health: Health }): DynamicModule {
    return {
      module: ClientsGraphQLModule,
      imports: [
        HealthModule.forRoot(options.health),
        GraphQLModule.forRoot<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          // Code first, in memory; the committed schema.graphql is checked against it (server.int.spec.ts).
          autoSchemaFile: { federation: 2 },
          sortSchema: true,
          introspection: !options.production,
          // The gateway is the one public entry, with the one GraphiQL.
          graphiql: false,
          includeStacktraceInErrorResponses: false,
          plugins: [graphqlOperationTracing()],
          formatError: typedInputError,
          context: ({ req }: { req: unknown }) => ({ req }),
        }),
      ],
      providers: [{ provide: ClientsService, useValue: clients }, ClientsResolver],
    };
  }
}
