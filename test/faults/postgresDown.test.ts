import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../db/embedded.js';
import { createDb } from '../../db/pool.js';
import { freePort } from '../../scripts/lib/freePort.js';
import { ADMIN_TOKEN } from '../helpers/api.js';
import { startApiProcess, type ApiProcess } from '../helpers/apiProcess.js';
import { seedVerifiableNetwork } from '../helpers/faultNetwork.js';
import { startVerifyLoad } from '../helpers/verifyLoad.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL stopped and started under load', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vrs-pg-fault-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach its data dir
  let postgres: EmbeddedDatabase | undefined;
  let api: ApiProcess | undefined;
  afterAll(async () => {
    await api?.stop(1_000);
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('503 with one warning while it is down, 200 again once it is back, the same process, no history row lost', async () => {
    const port = await freePort();
    const options = { dataDir: path.join(dir, 'data'), port, persistent: true };
    postgres = await startEmbeddedPostgres(options);
    api = await startApiProcess({
      DATABASE_URL: postgres.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      RUN_MIGRATIONS: 'true',
      VRS_ADMIN_TOKEN: ADMIN_TOKEN,
      VRS_MASTER_KEY: randomBytes(32).toString('base64'),
      BRUTE_FORCE_LIMIT: '1000000',
    });
    const db = createDb({ connectionString: postgres.url, max: 2 });
    const { token, paths } = await seedVerifiableNetwork(db);
    await db.destroy();

    const load = startVerifyLoad({ url: api.url, token, paths, connections: 4 });
    const ok = () => load.counts.status[200] ?? 0;
    while (ok() < 200) await sleep(20);

    await postgres.stop();
    const unavailable = () => load.counts.status[503] ?? 0;
    while (unavailable() < 100) await sleep(20);
    const okWhileDown = ok();
    await sleep(500);
    expect(ok()).toBe(okWhileDown); // nothing answered 200 from a cache while the database was gone

    postgres = await startEmbeddedPostgres(options);
    while (ok() < okWhileDown + 200) await sleep(20);
    const counts = await load.stop();
    expect(await Promise.race([api.exited, sleep(0).then(() => 'running')])).toBe('running'); // recovered without a restart
    expect(Object.keys(counts.status).sort()).toEqual(['200', '404', '503']);
    expect(counts.errors).toBe(0);
    const warnings = api.logs.filter((l) => l.msg.startsWith('database unreachable'));
    expect(warnings).toHaveLength(1);
    expect(api.logs.filter((l) => l.msg === 'unhandled error')).toEqual([]);

    // Every 200/404 the clients got is in history, including those buffered during the outage.
    expect(await api.stop()).toBe(0);
    const after = createDb({ connectionString: postgres.url, max: 1 });
    try {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from verification_history`.execute(after);
      expect(rows[0]!.n).toBe(counts.status[200]! + counts.status[404]!);
    } finally {
      await after.destroy();
    }
  }, 120_000);
});
