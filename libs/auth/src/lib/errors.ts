/**
 * Why a token was refused. The reason goes to the audit and the logs; the caller only ever learns
 * `UNAUTHENTICATED` (telling an attacker which check failed helps them).
 */
export type AuthenticationFailure =
  | 'missing'
  | 'malformed'
  | 'algorithm'
  | 'signature'
  | 'unknown-key'
  | 'issuer'
  | 'audience'
  | 'expired'
  | 'not-yet-valid'
  | 'claims'
  | 'organization'
  | 'issuer-unavailable';

/** No valid identity: HTTP 401, GraphQL `UNAUTHENTICATED`. */
export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED';
  constructor(readonly reason: AuthenticationFailure) {
    super('A valid bearer token is required');
    this.name = 'AuthenticationError';
  }
}

/** A known caller not allowed this operation or this record: GraphQL `FORBIDDEN`. */
export class AuthorizationError extends Error {
  readonly code = 'FORBIDDEN';
  constructor(
    message: string,
    readonly reason: 'role' | 'organization' | 'consent' | 'team' | 'production',
  ) {
    super(message);
    this.name = 'AuthorizationError';
  }
}
