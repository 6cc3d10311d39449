import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

/** What the gateway says at `/console-config.json`: how people sign in on this platform. */
export type ConsoleSignIn =
  | { readonly signIn: 'oidc'; readonly authority: string; readonly clientId: string }
  | { readonly signIn: 'development' };

/** The gateway's answer; without one, the development sign-in (which says so where it is refused). */
export async function consoleSignIn(): Promise<ConsoleSignIn> {
  const response = await fetch('/console-config.json');
  if (!response.ok) return { signIn: 'development' };
  return (await response.json()) as ConsoleSignIn;
}

/** Tokens are renewed this long before they expire (Keycloak's access tokens live five minutes). */
export const RENEW_BEFORE_SECONDS = 60;

/**
 * The issuer's authorization code flow with PKCE (S256), by oidc-client-ts. The tokens stay in this
 * page's memory (`InMemoryWebStorage`): a reload signs in again, silently while the issuer's session
 * lasts. Only the flow's state (PKCE verifier, nonce) goes to sessionStorage, as it must survive the
 * round trip to the issuer's page; it is removed at the return. Renewal uses the refresh token (no
 * hidden iframe, so the CSP needs no frame-src), and signing out ends the issuer's session
 * (end-session endpoint, with the ID token as hint and this origin to come back to).
 */
export function issuerSignIn(config: Extract<ConsoleSignIn, { signIn: 'oidc' }>): UserManager {
  const here = `${window.location.origin}/`;
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: here,
    post_logout_redirect_uri: here,
    response_type: 'code',
    scope: 'openid',
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    automaticSilentRenew: true,
    accessTokenExpiringNotificationTimeInSeconds: RENEW_BEFORE_SECONDS,
    monitorSession: false,
    loadUserInfo: false,
  });
}

/**
 * Whether the issuer sent the page back here: from its sign-in (a code, or an error, and the flow's
 * state) or from ending its session (the state alone).
 */
export function issuerReturn(location: Location): 'sign-in' | 'sign-out' | undefined {
  const query = new URLSearchParams(location.search);
  if (!query.has('state')) return undefined;
  return query.has('code') || query.has('error') ? 'sign-in' : 'sign-out';
}

/** The user's name as the issuer's ID token states it. */
export const usernameOf = (user: User): string => user.profile.preferred_username ?? user.profile.sub;
