import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { User, UserManager } from 'oidc-client-ts';
import { consoleSignIn, issuerReturn, issuerSignIn, RENEW_BEFORE_SECONDS, usernameOf } from './oidc';

/** A signed-in person: the bearer token lives in memory only (never in storage), until sign-out. */
export interface Session {
  readonly username: string;
  /** The token's subject (the identity provider's user id): whom a new client is assigned to. */
  readonly subject: string;
  /** The roles the token carries (Keycloak's `realm_access.roles`): which pages the console offers. */
  readonly roles: readonly string[];
  readonly token: string;
  readonly expiresAt: number;
}

export interface DemoUserEntry {
  readonly username: string;
  readonly roles: readonly string[];
  readonly organization: string;
}

/** How people sign in here, as the gateway says: the issuer's page, or the development sign-in. */
export type SignInMode = 'loading' | 'issuer' | 'development';

interface Auth {
  readonly mode: SignInMode;
  readonly session: Session | undefined;
  readonly expired: boolean;
  /** The development sign-in: a token for a demo user. */
  readonly signIn: (username: string) => Promise<void>;
  /** To the issuer's sign-in page (authorization code with PKCE); the page comes back signed in. */
  readonly signInWithIssuer: () => Promise<void>;
  /** Forgets the tokens; with an issuer, ends its session too (the page goes there and comes back). */
  readonly signOut: () => void;
  /** The current token, read at each request (a renewed one is used at once). */
  readonly bearer: () => string | undefined;
}

const AuthContext = createContext<Auth | undefined>(undefined);

/** The development token's renewal: as early as the issuer's, so a request never leaves with a token about to lapse. */
const RENEW_BEFORE_MS = RENEW_BEFORE_SECONDS * 1000;

export class SignInError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
    this.name = 'SignInError';
  }
}

interface Claims {
  readonly sub?: unknown;
  readonly realm_access?: { readonly roles?: unknown };
}

/** A token's payload, read (not verified: the gateway and every subgraph verify it). */
function claimsOf(token: string): Claims {
  try {
    const payload = token.split('.')[1] ?? '';
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Claims;
  } catch {
    return {};
  }
}

/** The roles in a token's payload. */
export function rolesOf(token: string): readonly string[] {
  const roles = claimsOf(token).realm_access?.roles;
  return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [];
}

/** The subject of a token's payload ('' when it has none). */
export function subjectOf(token: string): string {
  const subject = claimsOf(token).sub;
  return typeof subject === 'string' ? subject : '';
}

/** The gateway's development sign-in (embedded mode only): a token for a demo user. */
async function devToken(username: string): Promise<Session> {
  const response = await fetch('/dev-sign-in/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new SignInError(response.status);
  const body = (await response.json()) as { token: string; expiresInSeconds: number };
  return {
    username,
    subject: subjectOf(body.token),
    roles: rolesOf(body.token),
    token: body.token,
    expiresAt: Date.now() + body.expiresInSeconds * 1000,
  };
}

/** A session from the issuer's answer: the roles and subject read from its access token. */
const issuerSession = (user: User): Session => ({
  username: usernameOf(user),
  subject: subjectOf(user.access_token),
  roles: rolesOf(user.access_token),
  token: user.access_token,
  expiresAt: (user.expires_at ?? 0) * 1000,
});

/** The demo users the development sign-in offers, or undefined where it is refused (404). */
export async function devUsers(): Promise<readonly DemoUserEntry[] | undefined> {
  const response = await fetch('/dev-sign-in/users');
  if (response.status === 404) return undefined;
  if (!response.ok) throw new SignInError(response.status);
  return ((await response.json()) as { users: DemoUserEntry[] }).users;
}

export function AuthProvider({ children }: { readonly children: ReactNode }) {
  const [mode, setMode] = useState<SignInMode>('loading');
  const [session, setSession] = useState<Session | undefined>();
  const [expired, setExpired] = useState(false);
  // Kept beside the state, set in the same step: the first requests after sign-in read it at once.
  const current = useRef<Session | undefined>(undefined);
  const issuer = useRef<UserManager | undefined>(undefined);
  const started = useRef(false);
  const change = useCallback((next: Session | undefined) => {
    current.current = next;
    setSession(next);
  }, []);
  const end = useCallback(() => {
    change(undefined);
    setExpired(true);
  }, [change]);
  const bearer = useCallback(() => current.current?.token, []);
  // Once per page (StrictMode runs effects twice in development; the issuer's code is good once).
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      const config = await consoleSignIn();
      if (config.signIn === 'development') {
        setMode('development');
        return;
      }
      const users = issuerSignIn(config);
      issuer.current = users;
      // Each renewal (the refresh token, a minute before expiry) replaces the token in place.
      users.events.addUserLoaded((user) => {
        change(issuerSession(user));
      });
      users.events.addSilentRenewError(end);
      users.events.addAccessTokenExpired(end);
      const returned = issuerReturn(window.location);
      if (returned) {
        try {
          if (returned === 'sign-in') change(issuerSession(await users.signinRedirectCallback()));
          // Back from ending the issuer's session: the flow's state is checked and dropped.
          else await users.signoutRedirectCallback();
        } finally {
          // The code and state leave the address bar (and the history) whatever came of them.
          window.history.replaceState(null, '', window.location.pathname);
        }
      }
      setMode('issuer');
    })().catch(() => {
      setMode('issuer');
      end();
    });
  }, [change, end]);
  const signIn = useCallback(
    async (username: string) => {
      change(await devToken(username));
      setExpired(false);
    },
    [change],
  );
  const signInWithIssuer = useCallback(async () => {
    if (!issuer.current) throw new Error('no issuer');
    await issuer.current.signinRedirect();
  }, []);
  const signOut = useCallback(() => {
    const users = issuer.current;
    if (!users) {
      change(undefined);
      return;
    }
    // The ID token (still held) goes as id_token_hint; the issuer comes back to this origin.
    void users.signoutRedirect().catch(() => {
      change(undefined);
    });
  }, [change]);
  // The development token's renewal before expiry (the issuer's is oidc-client-ts's); a failed
  // renewal ends the session, and the sign-in page says so.
  useEffect(() => {
    if (!session || mode !== 'development') return undefined;
    const timer = window.setTimeout(
      () => {
        devToken(session.username).then(change, end);
      },
      Math.max(0, session.expiresAt - Date.now() - RENEW_BEFORE_MS),
    );
    return () => {
      window.clearTimeout(timer);
    };
  }, [session, mode, change, end]);
  const auth = useMemo(
    () => ({ mode, session, expired, signIn, signInWithIssuer, signOut, bearer }),
    [mode, session, expired, signIn, signInWithIssuer, signOut, bearer],
  );
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
