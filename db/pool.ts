import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// int8 counts fit in a double here; dates stay 'YYYY-MM-DD' strings so no time zone shifts them.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export interface DbOptions {
  connectionString: string;
  max?: number;
  applicationName?: string;
  /** How long a query waits for a connection before failing (a server that does not answer). */
  connectTimeoutMs?: number;
  /** How long an idle connection stays open (pg's default, 10 s, unless given). */
  idleTimeoutMs?: number;
}

// Kysely hides its pool; COPY (pg-copy-streams) needs a raw client from the same pool.
const pools = new WeakMap<Kysely<Database>, pg.Pool>();

/**
 * The idle timeout of a long-running server's pool (API). With pg's 10 s, bursts of queries kept
 * reopening connections, each a backend fork and a SCRAM exchange (PBKDF2 on both sides; the
 * README's routed benchmark has the cost). Scripts keep pg's default: an idle connection keeps a
 * process alive until it closes.
 */
export const SERVER_POOL_IDLE_MS = 60_000;

/** Whoever creates a database handle destroys it (`db.destroy()`). */
export function createDb(options: DbOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'vrs',
    // Without it a query waits forever on a server that accepts no connections (a network partition).
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    ...(options.idleTimeoutMs !== undefined && { idleTimeoutMillis: options.idleTimeoutMs }),
  });
  // An idle client losing its server (restart, failover, shutdown) must not crash the process;
  // the pool drops it and the next query reconnects. pool.end() resolves before its clients'
  // sockets close, so a server stopped right after terminates them: expected, not worth a warning.
  pool.on('error', (error) => {
    if (!pool.ending) process.emitWarning(`idle PostgreSQL client error: ${error.message}`);
  });
  // pg-pool removes its listener while a client is checked out, so a connection lost between two
  // statements of a transaction would be an uncaught 'error' and kill the worker. The caller still
  // sees the failure on its next query, and the pool discards the broken client on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/** The pg pool behind a handle made by createDb (for COPY streams); the handle still owns it. */
export function poolOf(db: Kysely<Database>): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('poolOf: this Kysely handle was not made by createDb');
  return pool;
}
