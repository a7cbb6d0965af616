import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

describe('config', () => {
  test('defaults apply when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 8080,
      PEER_PORT: 8443,
      TEMPORAL_NAMESPACE: 'default',
      BRUTE_FORCE_LIMIT: 30,
      JSON_BODY_LIMIT_BYTES: 1024 * 1024,
    });
    expect(config).toMatchObject({
      UPLOAD_MAX_BYTES: 100 * 1024 * 1024,
      UPLOAD_CSV_MAX_COLUMNS: 256,
      UPLOAD_CSV_MAX_FIELD_CHARS: 16_384,
      UPLOAD_XML_MAX_ELEMENT_CHARS: 512 * 1024,
    });
    expect(config).toMatchObject({ SYNC_YIELD_RATIO: 2, SYNC_YIELD_ABOVE_TPS: 100, WORKER_NICE: 0 });
    expect(config.SERIAL_KEY_SORT_MEMORY).toBe('1GB');
  });

  test.each([
    ['PORT', 'eighty', /^invalid environment variable PORT="eighty": /],
    ['PORT', '70000', /PORT/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL/],
    ['TEMPORAL_ADDRESS', 'localhost', /TEMPORAL_ADDRESS="localhost": expected host:port/],
    ['VRS_MASTER_KEY', 'c2hvcnQ=', /VRS_MASTER_KEY=\(hidden\): must be base64 of exactly 32 bytes/],
    ['VRS_ADMIN_TOKEN', 'short', /VRS_ADMIN_TOKEN=\(hidden\)/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['RUN_MIGRATIONS', 'maybe', /RUN_MIGRATIONS/],
    ['JSON_BODY_LIMIT_BYTES', '0', /JSON_BODY_LIMIT_BYTES="0"/],
    ['UPLOAD_MAX_BYTES', '0', /UPLOAD_MAX_BYTES/],
    ['UPLOAD_CSV_MAX_COLUMNS', '3', /UPLOAD_CSV_MAX_COLUMNS/],
    ['SYNC_YIELD_RATIO', '-1', /SYNC_YIELD_RATIO/],
    ['WORKER_NICE', '20', /WORKER_NICE/],
    ['SERIAL_KEY_SORT_MEMORY', '1 GB', /SERIAL_KEY_SORT_MEMORY="1 GB": must be a PostgreSQL memory size/],
    ['SERIAL_KEY_SORT_MEMORY', '512', /SERIAL_KEY_SORT_MEMORY/],
  ])('%s=%s fails with one line naming the variable', (name, value, message) => {
    const attempt = () => loadConfig({ [name]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  test('empty values count as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(8080);
  });
});
