// The public entry of @spn/service-kit: what every service shares.
export {
  ConfigError,
  loadConfig,
  parseEnvironment,
  type Environment,
  type ServiceConfig,
} from './lib/config/config';
export {
  DomainError,
  fold,
  requiredText,
  type Decider,
  type DomainErrorType,
  type DomainEvent,
} from './lib/domain/decider';
export { deciderSpecification } from './lib/domain/decider-specification';
export { handleCommand, type CommandResult, type HandleCommandOptions } from './lib/commands/handle-command';
export {
  openEventStore,
  openRuntime,
  type OpenRuntimeOptions,
  type Projection,
  type ServiceRuntime,
} from './lib/runtime/runtime';
export { Lifecycle, stopOnSignals } from './lib/lifecycle/lifecycle';
export { Health, type HealthReport, type HealthStatus } from './lib/lifecycle/health';
export { HealthModule } from './lib/http/health.module';
export { typedInputError } from './lib/graphql/input-errors';
export { toGraphQLError } from './lib/graphql/errors';
export {
  AUTH_SETTINGS,
  checkAuthSettings,
  devIssuerDir,
  devIssuerTestOptIn,
  openTokenVerifier,
  type AuthConfig,
} from './lib/auth/auth-config';
export {
  callerOf,
  hasRole,
  headerOf,
  metadataOf,
  PURPOSES_OF_USE,
  type AuthenticatedRequest,
  type Caller,
  type RequestHeaders,
} from './lib/auth/caller';
export { authenticate } from './lib/auth/authenticate';
export {
  Allow,
  AllowedMutation,
  AllowedQuery,
  GraphQLAuthGuard,
  GraphQLAuthModule,
  rolesNote,
} from './lib/auth/graphql-auth.guard';
export {
  AccessAudit,
  AccessAuditQueries,
  accessAuditProjection,
  accessEventType,
  type AccessAuditFilter,
  type AccessEntry,
  type AccessRecord,
} from './lib/audit/access-audit';
export {
  startSubgraph,
  type SubgraphDefinition,
  type SubgraphOptions,
  type SubgraphServer,
} from './lib/subgraph/subgraph';
export { CARE_TEAM, operationRunner, uuidArgument, type RequestContext } from './lib/graphql/operation';
export { PersonalData, subjectOfStream, type PersonalFields } from './lib/privacy/personal-data';
export {
  rebuildProjection,
  rebuildProjections,
  RebuildError,
  type RebuildOptions,
} from './lib/rebuild/rebuild-projection';
export {
  progressPrinter,
  type ProgressPrinterOptions,
  type RebuildProgress,
} from './lib/rebuild/rebuild-progress';
export {
  readModelChecksum,
  readModelTables,
  type ReadModelChecksum,
} from './lib/rebuild/read-model-checksum';
export { consumersCaughtUp } from './lib/rebuild/consumers-caught-up';
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  PageArgs,
  PageRequestError,
  PageType,
  compareKeys,
  decodeCursor,
  encodeCursor,
  pageFrom,
  pageOfSorted,
  pageRequest,
  type CursorKey,
  type Page,
  type PageRequest,
} from './lib/pagination/pagination';
