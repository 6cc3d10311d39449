// The public entry of @spn/service-kit: what every service shares.
export {
  ConfigError,
  loadConfig,
  parseEnvironment,
  type Environment,
  type ServiceConfig,
} from './lib/config/config';
export {
  byCommandKind,
  calendarDay,
  codePoints,
  dayOf,
  DomainError,
  fold,
  isCalendarDay,
  oneOf,
  requiredText,
  type CommandHandlers,
  type Decider,
  type DomainErrorType,
  type DomainEvent,
} from './lib/domain/decider';
export { Clock, FixedClock, SystemClock, systemClock } from './lib/clock/clock';
export { deciderSpecification, eventsOfStory } from './lib/domain/decider-specification';
export { projectionSpecification, type MessageSpec } from './lib/runtime/projection-specification';
export { organizationStreamId, recordIdOfStream } from './lib/domain/stream-ids';
export { handleCommand, type CommandResult, type HandleCommandOptions } from './lib/commands/handle-command';
export {
  consumerGroupOf,
  migrateProjection,
  openEventStore,
  openRuntime,
  ownEvent,
  readModelPoolName,
  sealedOwnEvent,
  sealKeysOfEnvironment,
  type OpenRuntimeOptions,
  type OwnEvent,
  type SealedEvent,
  type Projection,
  type ServiceRuntime,
} from './lib/runtime/runtime';
export {
  connectionsLeft,
  plannedConnections,
  warnIfConnectionsCannotFit,
  type PlannedConnections,
  type WarningLog,
  type ServerConnections,
} from './lib/runtime/connection-budget';
export { Lifecycle, stopOnSignals } from './lib/lifecycle/lifecycle';
export { Health, type HealthReport, type HealthStatus } from './lib/lifecycle/health';
export { HealthModule } from './lib/http/health.module';
export { RestRoles, restRoutes, type RestRoute } from './lib/http/rest-routes';
export { typedInputError } from './lib/graphql/input-errors';
export { checkInputStrings, checkInputValue } from './lib/graphql/input-strings';
export { restInputStrings } from './lib/http/rest-input';
export {
  authorizeRest,
  restBadRequest,
  restErrorOf,
  restRefusal,
  type RestErrorBody,
} from './lib/http/rest-errors';
export {
  queryArmor,
  queryArmorEnvelopPlugins,
  QUERY_LIMIT_SETTINGS,
  type QueryLimits,
} from './lib/graphql/query-limits';
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
  boundedCorrelationId,
  CALLER_CORRELATION_HEADER,
  callerOf,
  hasRole,
  headerOf,
  metadataOf,
  PURPOSES_OF_USE,
  type AuthenticatedRequest,
  type Caller,
  type RequestHeaders,
} from './lib/auth/caller';
export { assignCorrelation, authenticate, type AuthenticateOptions } from './lib/auth/authenticate';
export {
  checkGatewayCredentialSetting,
  GATEWAY_CREDENTIAL_HEADER,
  GATEWAY_CREDENTIAL_SETTINGS,
  isGatewayCredential,
  requireGatewayCredential,
} from './lib/auth/gateway-credential';
export { GRAPHQL_BODY_LIMIT, jsonBody, largeBodies, refuse, type LargeBody } from './lib/http/json-body';
export {
  Allow,
  AllowedMutation,
  AllowedQuery,
  AllowedReference,
  GraphQLAuthGuard,
  referenceRolesNote,
  GraphQLAuthModule,
  rolesNote,
} from './lib/auth/graphql-auth.guard';
export {
  AccessAudit,
  AccessAuditQueries,
  accessAuditProjection,
  type AccessAuditFilter,
  type AccessAuditOptions,
  type AccessEntry,
  type AccessRecord,
} from './lib/audit/access-audit';
export {
  ACCESS_REASON_HEADER,
  accessReasonOf,
  openClientFile,
  type ClientFile,
} from './lib/audit/need-to-know';
export {
  mergePersonalData,
  personalDataAudit,
  personalFieldsOf,
  personalRootFields,
  unclassified,
  type PersonalDataDeclaration,
  type PersonalTypeDeclaration,
} from './lib/audit/personal-data-fields';
export {
  startSubgraph,
  type SubgraphDefinition,
  type SubgraphOptions,
  type SubgraphServer,
} from './lib/subgraph/subgraph';
export { CARE_TEAM, operationRunner, uuidArgument, type RequestContext } from './lib/graphql/operation';
export {
  checkKeyEncryptionSettings,
  DEFAULT_KEK_FILE,
  KEY_ENCRYPTION_SETTINGS,
  keyEncryptionKeysOf,
  keyEncryptionKeysOfEnvironment,
} from './lib/privacy/key-encryption-config';
export {
  PersonalData,
  personalFieldsWith,
  subjectOfEvent,
  subjectOfStream,
  type PersonalDataSubjects,
  type PersonalFields,
} from './lib/privacy/personal-data';
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
export {
  REBUILT_INBOX_TABLE,
  ReadModelReplaceRefused,
  replaceReadModel,
  type ReplaceOptions,
  type ReplaceReport,
} from './lib/rebuild/replace-read-model';
export { consumersCaughtUp } from './lib/rebuild/consumers-caught-up';
export { KnownPartners, knownPartnersProjection } from './lib/partners/known-partners';
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
