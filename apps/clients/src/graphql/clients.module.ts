import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ClientsService } from '../application/clients.service';
import { ClientsResolver } from './clients.resolver';

/** The clients subgraph as a Nest module, over a started {@link ClientsService}. */
@Module({})
export class ClientsGraphQLModule {
  static forRoot(
    clients: ClientsService,
    options: { production: boolean; schemaFile?: string },
  ): DynamicModule {
    return {
      module: ClientsGraphQLModule,
      imports: [
        GraphQLModule.forRoot<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          // Code first; the schema file is written when asked (npm run schema) and committed.
          autoSchemaFile: options.schemaFile
            ? { path: options.schemaFile, federation: 2 }
            : { federation: 2 },
          sortSchema: true,
          introspection: !options.production,
          includeStacktraceInErrorResponses: false,
          context: ({ req }: { req: unknown }) => ({ req }),
        }),
      ],
      providers: [{ provide: ClientsService, useValue: clients }, ClientsResolver],
    };
  }
}
