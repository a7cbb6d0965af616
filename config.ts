import { z } from 'zod';

/**
 * All configuration comes from the environment, validated once at start.
 * A bad value fails with one line naming the variable, never deep inside a request.
 */
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[\w.-]+:\d+$/, 'expected host:port')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_UI_URL: z.string().url().optional(),
  PORT: port.default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  PEER_PORT: port.default(8443),
  PUBLIC_URL: z.string().url().optional(),
  VRS_NAME: z.string().min(1).default('vrs'),
  VRS_GLN: z
    .string()
    .regex(/^\d{13}$/, 'must be the 13-digit GLN of the organisation running this VRS')
    .optional(),
  VRS_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  VRS_API_URL: z.string().url().optional(),
  VRS_MASTER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be base64 of exactly 32 bytes')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_SIZE: positiveInt.default(20),
  API_KEY_CACHE_MS: z.coerce.number().int().min(0).default(5_000),
  HISTORY_FLUSH_MS: positiveInt.default(50),
  HISTORY_BATCH_SIZE: positiveInt.default(500),
  BRUTE_FORCE_LIMIT: positiveInt.default(30),
  BRUTE_FORCE_WINDOW_SEC: positiveInt.default(60),
  BRUTE_FORCE_BLOCK_SEC: positiveInt.default(300),
  PEER_TIMEOUT_MS: positiveInt.default(3_000),
  // The header ATP presentations travel in (not fixed by any public OCI document); partners may override it.
  ATP_HEADER: z
    .string()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be an HTTP header name')
    .default('X-ATP-Presentation'),
  PEER_CIRCUIT_FAILURES: positiveInt.default(5),
  PEER_CIRCUIT_COOLDOWN_MS: positiveInt.default(30_000),
  // How often each partner's Lookup Directory is pulled, unless the partner sets its own interval.
  DIRECTORY_PULL_INTERVAL_MIN: positiveInt.default(60),
  // One INSERT ... SELECT keeps one database core busy: a backfill loads this many GTIN ranges side by side.
  SERIAL_BACKFILL_PARTITIONS: z.coerce.number().int().min(1).max(16).default(2),
  // PostgreSQL's maintenance_work_mem for building a backfill part's key: a part sorts in memory,
  // without temporary files, up to about this size / 105 bytes serials (1GB: about 10M).
  SERIAL_KEY_SORT_MEMORY: z
    .string()
    .regex(/^[1-9][0-9]*(kB|MB|GB|TB)$/, 'must be a PostgreSQL memory size such as 1GB or 512MB')
    .default('1GB'),
  // While others keep the database busy (verify traffic), each backfill batch and master-data page
  // is followed by a pause this many times as long as it took; 0 never pauses.
  SYNC_YIELD_RATIO: z.coerce.number().min(0).max(100).default(2),
  // Transactions committed per second in the database above which the others count as busy.
  SYNC_YIELD_ABOVE_TPS: z.coerce.number().min(0).default(100),
  // CPU niceness of a worker process (workers/main): above 0 its syncs give way to an API on the
  // same host, and so does its incremental sync.
  WORKER_NICE: z.coerce.number().int().min(0).max(19).default(0),
  CERT_VALIDITY_DAYS: positiveInt.default(90),
  CERT_RENEW_BEFORE_DAYS: positiveInt.default(30),
  CERT_OVERLAP_DAYS: positiveInt.default(7),
  // Uploads stream under limits of their own; every other request body is JSON and small.
  JSON_BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024),
  RUN_MIGRATIONS: bool.default(true),
  // Uploads stream, so the byte cap is about disk and transaction size, not memory.
  UPLOAD_MAX_BYTES: positiveInt.default(100 * 1024 * 1024),
  // A body larger than this (its Content-Length) is answered 202 at once and parsed in the background.
  UPLOAD_BACKGROUND_BYTES: positiveInt.default(5 * 1024 * 1024),
  // An upload in flight that shows no sign of life for this long is failed: the process reading it died.
  UPLOAD_STALE_MS: positiveInt.default(120_000),
  // Checked on the raw text before a CSV record is built: a record is held whole, however wide.
  UPLOAD_CSV_MAX_COLUMNS: z.coerce.number().int().min(16).default(256),
  UPLOAD_CSV_MAX_FIELD_CHARS: z.coerce.number().int().min(1024).default(16_384),
  // One GDSN trade item or EPCIS event is read in one piece; its packs are turned into events in one step.
  UPLOAD_XML_MAX_ELEMENT_CHARS: z.coerce
    .number()
    .int()
    .min(4096)
    .default(512 * 1024),
  // An orchestrator's kill deadline is usually longer (Kubernetes: 30 s); within this a SIGTERM has
  // closed every connection, written the history buffer and exited.
  SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
  // How often a sync worker looks for serial events queued with no drain under way (e.g. uploaded while Temporal was down).
  SERIAL_SWEEP_INTERVAL_SEC: positiveInt.default(30),
});

export type Config = Readonly<z.infer<typeof schema>>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const shown =
      name === 'VRS_ADMIN_TOKEN' || name === 'METRICS_TOKEN' || name === 'VRS_MASTER_KEY'
        ? '(hidden)'
        : JSON.stringify(env[name]);
    throw new ConfigError(`invalid environment variable ${name}=${shown}: ${issue.message}`);
  }
  return Object.freeze(parsed.data);
}
