import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { graphqlOperationTracing } from '@spn/observability';
import type { TokenVerifier } from '@spn/auth';
import {
  AccessAudit,
  AccessAuditQueries,
  GraphQLAuthModule,
  HealthModule,
  typedInputError,
  type Health,
} from '@spn/service-kit';
import { ClientsService } from '../application/clients.service';
import { ClientsResolver } from './clients.resolver';

/** The clients subgraph as a Nest module, over a started {@link ClientsService}. */
@Module({})
export class ClientsGraphQLModule {
  static forRoot(
    clients: ClientsService,
    options: {
      production: boolean;
      health: Health;
      verifier: TokenVerifier;
      audit: AccessAudit;
      auditLog: AccessAuditQueries;
    },
  ): DynamicModule {
    return {
      module: ClientsGraphQLModule,
      imports: [
        HealthModule.forRoot(options.health),
        // Every operation: the token verified again here, the declared roles checked (default deny).
        GraphQLAuthModule.forRoot(options.verifier, options.audit),
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
      providers: [
        { provide: ClientsService, useValue: clients },
        { provide: AccessAudit, useValue: options.audit },
        { provide: AccessAuditQueries, useValue: options.auditLog },
        ClientsResolver,
      ],
    };
  }
}
