import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON lines on stdout; secrets are redacted wherever they might be logged by accident. */
export function createLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'vrs', ...bindings },
    redact: {
      paths: ['req.headers.authorization', 'authorization', 'apiKey', 'token', '*.apiKey', '*.token', 'privateKey', '*.privateKey', 'encryptedKey', '*.encryptedKey'],
      censor: '[redacted]',
    },
  });
}
