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

interface Auth {
  readonly session: Session | undefined;
  readonly expired: boolean;
  readonly signIn: (username: string) => Promise<void>;
  readonly signOut: () => void;
  /** The current token, read at each request (a renewed one is used at once). */
  readonly bearer: () => string | undefined;
}

const AuthContext = createContext<Auth | undefined>(undefined);

/** Renewed this long before expiry, so a request never leaves with a token about to lapse. */
const RENEW_BEFORE_MS = 60_000;

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

/** The demo users the development sign-in offers, or undefined where it is refused (404). */
export async function devUsers(): Promise<readonly DemoUserEntry[] | undefined> {
  const response = await fetch('/dev-sign-in/users');
  if (response.status === 404) return undefined;
  if (!response.ok) throw new SignInError(response.status);
  return ((await response.json()) as { users: DemoUserEntry[] }).users;
}

export function AuthProvider({ children }: { readonly children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>();
  const [expired, setExpired] = useState(false);
  // Kept beside the state, set in the same step: the first requests after sign-in read it at once.
  const current = useRef<Session | undefined>(undefined);
  const change = useCallback((next: Session | undefined) => {
    current.current = next;
    setSession(next);
  }, []);
  const bearer = useCallback(() => current.current?.token, []);
  const signIn = useCallback(
    async (username: string) => {
      change(await devToken(username));
      setExpired(false);
    },
    [change],
  );
  const signOut = useCallback(() => {
    change(undefined);
  }, [change]);
  // Renewal before expiry; a failed renewal ends the session, and the sign-in page says so.
  useEffect(() => {
    if (!session) return undefined;
    const timer = window.setTimeout(
      () => {
        devToken(session.username).then(change, () => {
          change(undefined);
          setExpired(true);
        });
      },
      Math.max(0, session.expiresAt - Date.now() - RENEW_BEFORE_MS),
    );
    return () => {
      window.clearTimeout(timer);
    };
  }, [session, change]);
  const auth = useMemo(
    () => ({ session, expired, signIn, signOut, bearer }),
    [session, expired, signIn, signOut, bearer],
  );
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
