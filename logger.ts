import type { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export type { Logger };

const REDACT = [
  'req.headers.authorization',
  'authorization',
  'apiKey',
  'token',
  '*.apiKey',
  '*.token',
  'privateKey',
  '*.privateKey',
  'privateKeyPem',
  '*.privateKeyPem',
  'encryptedKey',
  '*.encryptedKey',
];

/** JSON lines (stdout unless a destination is given); secrets are redacted wherever they might be logged by accident. */
export function createLogger(
  level: string,
  bindings: Record<string, unknown> = {},
  destination: Writable = process.stdout,
): Logger {
  return pino(
    { level, base: { service: 'vrs', ...bindings }, redact: { paths: REDACT, censor: '[redacted]' } },
    destination,
  );
}
