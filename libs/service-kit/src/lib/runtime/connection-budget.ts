import { PostgresSqlClient } from '@spn/event-store';
import { errorCode } from '@spn/messaging';
import type { ServiceConfig } from '../config/config';

/** What a PostgreSQL server admits, and how many of its connections are taken, as read at start. */
export interface ServerConnections {
  readonly maxConnections: number;
  /** Kept for superusers (and, from PostgreSQL 16, for `pg_use_reserved_connections`). */
  readonly reservedConnections: number;
  /** Client connections open now, other than the one that asked. */
  readonly inUse: number;
}

/** The most connections one process of this configuration opens on one server, and for what. */
export interface PlannedConnections {
  /** `event store`, `read models`, or both when they share a server. */
  readonly uses: string;
  readonly url: string;
  readonly maximum: number;
}

/** Where the check's warnings go: the service's logger, or a test's. */
export interface WarningLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** What is left for a new process: negative when the server is over what ordinary roles may open. */
export const connectionsLeft = (server: ServerConnections): number =>
  server.maxConnections - server.reservedConnections - server.inUse;

/**
 * The most connections a distributed process opens on each server: the event store's pool and its
 * LISTEN connections (the relay's, when it runs; the data key cache's, when it is on), and the read
 * models' pool; one entry when both are on the same server. The event store's runtime URL is taken to
 * name DATABASE_URL's server (the owner migrates there).
 */
export function plannedConnections(config: ServiceConfig): PlannedConnections[] {
  if (config.SPN_MODE !== 'distributed' || config.DATABASE_URL === undefined) return [];
  const listeners = (config.SPN_RELAY === 'on' ? 1 : 0) + (config.SPN_DATA_KEY_CACHE === 'on' ? 1 : 0);
  const store = {
    uses: 'event store',
    url: config.DATABASE_URL,
    maximum: config.SPN_DB_POOL_SIZE + listeners,
  };
  const readModels = {
    uses: 'read models',
    url: config.READ_MODEL_DATABASE_URL ?? config.DATABASE_URL,
    maximum: config.SPN_DB_POOL_SIZE,
  };
  if (serverOf(store.url) !== serverOf(readModels.url)) return [store, readModels];
  return [
    { uses: 'event store and read models', url: store.url, maximum: store.maximum + readModels.maximum },
  ];
}

const serverOf = (url: string): string => {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}`;
};

const SERVER_CONNECTIONS_SQL = `
  SELECT current_setting('max_connections')::int AS max_connections,
         current_setting('superuser_reserved_connections')::int
           + coalesce(current_setting('reserved_connections', true)::int, 0) AS reserved_connections,
         (SELECT count(*)::int FROM pg_stat_activity
           WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()) AS in_use`;

/** Reads a server's limits and its connections in use, on one connection of its own (closed after). */
export async function readServerConnections(url: string): Promise<ServerConnections> {
  const client = new PostgresSqlClient(url, null, 1);
  try {
    const [row] = await client.query<{
      max_connections: number;
      reserved_connections: number;
      in_use: number;
    }>(SERVER_CONNECTIONS_SQL);
    if (!row) throw new Error('the server answered no row');
    return {
      maxConnections: row.max_connections,
      reservedConnections: row.reserved_connections,
      inUse: row.in_use,
    };
  } finally {
    await client.close();
  }
}

/**
 * At start, in the distributed mode: one warning for each server where this process's most connections
 * exceed what is left. Never refuses to start: other replicas may close theirs, and pools open
 * connections only as they need them. Logs counts only (no address, no user).
 */
export async function warnIfConnectionsCannotFit(config: ServiceConfig, log: WarningLog): Promise<void> {
  for (const planned of plannedConnections(config)) {
    let server: ServerConnections;
    try {
      server = await readServerConnections(planned.url);
    } catch (error) {
      // The open that follows reports a server that cannot be reached; this check only advises.
      log.warn(
        { uses: planned.uses, reason: errorCode(error) },
        'could not read PostgreSQL max_connections at start',
      );
      continue;
    }
    const left = connectionsLeft(server);
    if (planned.maximum <= left) continue;
    log.warn(
      {
        uses: planned.uses,
        processMaximum: planned.maximum,
        poolSize: config.SPN_DB_POOL_SIZE,
        maxConnections: server.maxConnections,
        reservedConnections: server.reservedConnections,
        connectionsInUse: server.inUse,
        connectionsLeft: left,
      },
      'PostgreSQL has fewer connections left than this process may open: lower SPN_DB_POOL_SIZE or raise max_connections (docs/operations.md)',
    );
  }
}
