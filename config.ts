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
  TEMPORAL_ADDRESS: z.string().regex(/^[\w.-]+:\d+$/, 'expected host:port').optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_UI_URL: z.string().url().optional(),
  PORT: port.default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  PEER_PORT: port.default(8443),
  PUBLIC_URL: z.string().url().optional(),
  VRS_NAME: z.string().min(1).default('vrs'),
  VRS_GLN: z.string().regex(/^\d{13}$/, 'must be the 13-digit GLN of the organisation running this VRS').optional(),
  VRS_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
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
  PEER_CIRCUIT_FAILURES: positiveInt.default(5),
  PEER_CIRCUIT_COOLDOWN_MS: positiveInt.default(30_000),
  // How often each partner's Lookup Directory is pulled, unless the partner sets its own interval.
  DIRECTORY_PULL_INTERVAL_MIN: positiveInt.default(60),
  // One INSERT ... SELECT keeps one database core busy: a backfill loads this many GTIN ranges side by side.
  SERIAL_BACKFILL_PARTITIONS: z.coerce.number().int().min(1).max(16).default(2),
  CERT_VALIDITY_DAYS: positiveInt.default(90),
  CERT_RENEW_BEFORE_DAYS: positiveInt.default(30),
  CERT_OVERLAP_DAYS: positiveInt.default(7),
  RUN_MIGRATIONS: bool.default(true),
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
    const shown = name === 'VRS_ADMIN_TOKEN' || name === 'VRS_MASTER_KEY' ? '(hidden)' : JSON.stringify(env[name]);
    throw new ConfigError(`invalid environment variable ${name}=${shown}: ${issue.message}`);
  }
  return Object.freeze(parsed.data);
}
