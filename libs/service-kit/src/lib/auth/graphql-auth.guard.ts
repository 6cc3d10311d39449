import {
  applyDecorators,
  Inject,
  Injectable,
  Module,
  SetMetadata,
  type CanActivate,
  type DynamicModule,
  type ExecutionContext,
} from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import {
  GqlExecutionContext,
  Mutation,
  Query,
  type GqlContextType,
  type MutationOptions,
  type QueryOptions,
  ResolveReference,
  type ReturnTypeFunc,
} from '@nestjs/graphql';
import { AuthorizationError, type Role, type TokenVerifier } from '@spn/auth';
import type { GraphQLResolveInfo } from 'graphql';
import { createLogger } from '@spn/observability';
import { AccessAudit } from '../audit/access-audit';
import { toGraphQLError } from '../graphql/errors';
import { checkInputStrings } from '../graphql/input-strings';
import { callerOf, headerOf, type AuthenticatedRequest } from './caller';

const ALLOWED_ROLES = 'spn:allowed-roles';

/**
 * The roles allowed to run a GraphQL operation (a query, a mutation, an entity reference). Every
 * resolver declares it: one without it is refused to everyone (default deny).
 */
export const Allow = (...roles: readonly [Role, ...Role[]]) => SetMetadata(ALLOWED_ROLES, roles);

type Roles = readonly [Role, ...Role[]];

/** The sentence every operation's description ends with: the policy, in the schema clients read. */
export const rolesNote = (roles: Roles): string => `Allowed roles: ${roles.join(', ')}.`;
const described = (roles: Roles, description = '') =>
  `${description ? `${description}\n\n` : ''}${rolesNote(roles)}`;

/**
 * What a resolver may answer for the GraphQL type its decorator names: an instance's shape for an
 * object type (`() => ClientView`), an array of them for a list (`() => [Referral]`), the primitive for
 * `String`, `Boolean` and `Number`; other scalars, enums and unions are not checked here.
 */
type Answer<TType> = TType extends readonly (infer TItem)[]
  ? readonly Answer<TItem>[]
  : TType extends StringConstructor
    ? string
    : TType extends BooleanConstructor
      ? boolean
      : TType extends NumberConstructor
        ? number
        : TType extends abstract new (...args: never[]) => infer TInstance
          ? Shape<TInstance>
          : unknown;

/**
 * An object type's fields as a resolver may give them: its lists may be readonly, at any depth, and an
 * enum's value is its text (`'urgent'` for `UrgencyValue.urgent`, as the domain's union types hold it).
 */
type Shape<TValue> = TValue extends readonly (infer TItem)[]
  ? readonly Shape<TItem>[]
  : TValue extends string
    ? `${TValue}`
    : TValue extends Date
      ? TValue
      : TValue extends object
        ? { readonly [Field in keyof TValue]: Shape<TValue[Field]> }
        : TValue;

/**
 * A method decorator that type-checks the method against the GraphQL type it declares: a read model's
 * view that lost or renamed a field the type requires is a compile error, not a `null` in an answer.
 */
type ResolverDecorator<TType> = (
  target: object,
  key: string | symbol,
  // Only what the method returns (a `TypedPropertyDescriptor` would also ask its setter to match).
  descriptor: {
    readonly value?: (...args: never[]) => Answer<TType> | null | Promise<Answer<TType> | null>;
  },
) => void;

/**
 * A query and the roles it allows, declared once: the guard enforces them, and the schema states them
 * (the role matrix test reads them from the supergraph).
 */
export const AllowedQuery = <TType>(type: () => TType, roles: Roles, options: QueryOptions = {}) =>
  applyDecorators(
    Allow(...roles),
    Query(type as ReturnTypeFunc, { ...options, description: described(roles, options.description) }),
  ) as ResolverDecorator<TType>;

/** A mutation and the roles it allows, declared once (see {@link AllowedQuery}). */
export const AllowedMutation = <TType>(type: () => TType, roles: Roles, options: MutationOptions = {}) =>
  applyDecorators(
    Allow(...roles),
    Mutation(type as ReturnTypeFunc, { ...options, description: described(roles, options.description) }),
  ) as ResolverDecorator<TType>;

export const TOKEN_VERIFIER = Symbol('TokenVerifier');

/** The ids a refused operation asked for (its `clientId`, `id` or `input.clientId`), for the audit. */
function askedFor(args: Record<string, unknown>): string[] {
  const input = (args['input'] ?? {}) as Record<string, unknown>;
  return [args['clientId'], args['id'], input['clientId']].filter(
    (value): value is string => typeof value === 'string',
  );
}

/** The key values a refused entity reference named (its representation, but `__typename`). */
function keyValues(representation: Record<string, unknown>): string[] {
  return Object.entries(representation)
    .filter(([name]) => name !== '__typename')
    .map(([, value]) => value)
    .filter((value): value is string => typeof value === 'string');
}

/**
 * An entity's reference resolver (`_entities`, reached from other subgraphs or by a caller of the
 * subgraph) and the roles it allows, declared once: the guard enforces them like a query's.
 */
export const AllowedReference = (roles: Roles) => applyDecorators(Allow(...roles), ResolveReference());

/**
 * The sentence an entity type's description ends with: the roles its reference resolver allows, in
 * the schema (the role matrix reads `_entities`' policy from the supergraph's `@key` types).
 */
export const referenceRolesNote = (roles: Roles): string =>
  `Reached by reference (\`_entities\`). ${rolesNote(roles)}`;

/**
 * Authenticates every GraphQL operation again in the subgraph (the gateway is not the only wall):
 * the bearer token is verified, then the operation's declared roles are checked. A refusal for want of
 * a role is audited. Then every string argument is checked ({@link checkInputStrings}). Non-GraphQL
 * routes (health) are not its concern.
 */
@Injectable()
export class GraphQLAuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(AccessAudit) private readonly audit: AccessAudit,
  ) {}

  private readonly log = createLogger('auth');

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    try {
      return await this.check(context);
    } catch (error) {
      // The reason a token was refused goes to the log (no token, no personal data), never to the caller.
      const reason = (error as { reason?: unknown }).reason;
      if (typeof reason === 'string') this.log.warn({ reason }, 'refused');
      throw toGraphQLError(error, (name) => {
        this.log.error({ error: name }, 'internal error while authorizing');
      });
    }
  }

  private async check(context: ExecutionContext): Promise<boolean> {
    const graphql = GqlExecutionContext.create(context);
    const request = graphql.getContext<{ req: AuthenticatedRequest }>().req;
    request.principal ??= await this.verifier.verifyAuthorization(
      headerOf(request.headers, 'authorization'),
      {
        ...(headerOf(request.headers, 'x-spn-organization')
          ? { organization: headerOf(request.headers, 'x-spn-organization') }
          : {}),
      },
    );
    const allowed = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ALLOWED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (allowed?.some((role) => request.principal?.roles.includes(role))) {
      // The boundary's checks of every string argument (ciphertext-shaped values, NUL characters).
      // An entity reference has no arguments (its representation is the root): nothing to check.
      checkInputStrings(graphql.getArgs<Record<string, unknown> | undefined>() ?? {});
      return true;
    }
    const info = graphql.getInfo<GraphQLResolveInfo>();
    // An entity reference (`_entities`, a federated `@ResolveReference`) has no arguments: its root is
    // the representation (`__typename` and key fields), and the refusal is recorded as `<Type>.reference`.
    const root = graphql.getRoot<Record<string, unknown> | undefined>();
    const typename = info.fieldName === '_entities' ? root?.['__typename'] : undefined;
    const operation =
      typeof typename === 'string' ? `${typename}.reference` : `${info.parentType.name}.${info.fieldName}`;
    await this.audit.record(callerOf(request), {
      operation,
      resourceType: info.parentType.name === 'Mutation' ? 'command' : 'query',
      resourceIds:
        typeof typename === 'string'
          ? keyValues(root ?? {})
          : askedFor(graphql.getArgs<Record<string, unknown> | undefined>() ?? {}),
      outcome: 'denied',
      reason: 'role',
    });
    throw new AuthorizationError(`${operation} is not allowed to the caller's roles`, 'role');
  }
}

/** The guard on every GraphQL operation of a service's application, with its verifier and audit. */
@Module({})
export class GraphQLAuthModule {
  static forRoot(verifier: TokenVerifier, audit: AccessAudit): DynamicModule {
    return {
      module: GraphQLAuthModule,
      providers: [
        { provide: TOKEN_VERIFIER, useValue: verifier },
        { provide: AccessAudit, useValue: audit },
        { provide: APP_GUARD, useClass: GraphQLAuthGuard },
      ],
    };
  }
}
