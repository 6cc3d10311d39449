// The public entry of @spn/auth: who calls (tokens verified with jose), roles, the demo users and the
// development issuer. Framework-free: the NestJS guard that uses it is in @spn/service-kit.
export { AuthenticationError, AuthorizationError, type AuthenticationFailure } from './lib/errors';
export { ROLES, isRole, type Role } from './lib/roles';
export { principalFromClaims, type Principal } from './lib/principal';
export {
  ALLOWED_ALGORITHMS,
  createTokenVerifier,
  type TokenVerifier,
  type TokenVerifierOptions,
} from './lib/token-verifier';
export {
  DEMO_ORGANIZATIONS,
  DEMO_PARTNER_CLIENTS,
  DEMO_USERS,
  demoUser,
  type DemoOrganization,
  type DemoUser,
} from './lib/demo-users';
export {
  DEV_CLIENT_ID,
  DEV_ISSUER,
  DevIssuerKeyMissingError,
  openDevIssuer,
  readDevIssuerKeySet,
  refuseInProduction,
  type DevIssuer,
} from './lib/dev-issuer';
