import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { putSerialRules } from '../../db/repositories/serialRules.js';
import { freePort } from '../../scripts/lib/freePort.js';
import { startTemporalDevServer, type DevServer } from '../../scripts/lib/temporalDevServer.js';
import { TASK_QUEUES } from '../../workflows/ids.js';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from '../helpers/api.js';
import { startApiProcess, type ApiProcess } from '../helpers/apiProcess.js';
import { seedVerifiableNetwork } from '../helpers/faultNetwork.js';
import { apiKeyFor, setCompanyPrefixes } from '../helpers/seedNetwork.js';
import { readNetworkStates } from '../helpers/serials.js';
import { startVerifyLoad } from '../helpers/verifyLoad.js';
import { GTIN } from '../helpers/verifyRequest.js';
import { startWorkerProcess, type WorkerProcess } from '../helpers/workerProcess.js';

const HEADER =
  'eventId,gtin,serial,lot,expiry,status,recalled,suspect,illegitimate,expirationExtended,extendedExpiry,reasonCode,eventTime';
const UPLOADS = 3;
const PER_UPLOAD = 200;
const csv = (upload: number) =>
  [
    HEADER,
    ...Array.from(
      { length: PER_UPLOAD },
      (_, i) =>
        `down-${upload}-${i},${GTIN},D${upload}-${i},LOT42,270131,commissioned,false,false,false,false,,,2026-03-01T10:00:00Z`,
    ),
  ].join('\r\n');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Temporal down: verify keeps answering, uploads and sync starts answer 503 quickly, the queue drains by itself afterwards', () => {
  let ctx: ApiTestContext;
  let temporal: DevServer | undefined;
  let api: ApiProcess | undefined;
  let worker: WorkerProcess | undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vrs-temporal-'));
  afterAll(async () => {
    await api?.stop(1_000);
    await worker?.stop();
    await temporal?.stop();
    rmSync(dir, { recursive: true, force: true });
    await ctx.close();
  });
  beforeAll(async () => {
    ctx = await createApiTestContext('fault-temporal');
  });

  test("an outage of this file's own Temporal server (persistent, restarted on the same port)", async () => {
    const { token, paths, producer } = await seedVerifiableNetwork(ctx.database.db);
    await setCompanyPrefixes(ctx.database.db, producer, ['0361414']);
    const producerKey = await apiKeyFor(ctx.database.db, producer);
    await putSerialRules(ctx.database.db, producer.id, { enabled: true, include: [] });

    const port = await freePort();
    const dbFile = path.join(dir, 'temporal.db');
    temporal = await startTemporalDevServer({ headless: true, port, dbFile });
    const env = {
      DATABASE_URL: ctx.database.url,
      TEMPORAL_ADDRESS: temporal.address,
      VRS_MASTER_KEY: ctx.deps.config.VRS_MASTER_KEY!,
    };
    worker = await startWorkerProcess({
      ...env,
      VRS_TEST_TASK_QUEUE: TASK_QUEUES.sync,
      SERIAL_SWEEP_INTERVAL_SEC: '2',
    });
    api = await startApiProcess({ ...env, VRS_ADMIN_TOKEN: ADMIN_TOKEN, BRUTE_FORCE_LIMIT: '1000000' });
    const upload = async (n: number) => {
      const res = await fetch(`${api!.url}/v1/serials`, {
        method: 'POST',
        headers: { authorization: `Bearer ${producerKey}`, 'content-type': 'text/csv' },
        body: csv(n),
      });
      return {
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        body: (await res.json()) as { accepted?: number },
      };
    };

    // Up: an upload reaches the read table through the drain (beside the one seeded serial).
    const serials = async () => (await readNetworkStates(ctx.database.db, producer.id)).size - 1;
    expect(await upload(0)).toMatchObject({ status: 200, body: { accepted: PER_UPLOAD } });
    while ((await serials()) < PER_UPLOAD) await sleep(100);

    const load = startVerifyLoad({ url: api.url, token, paths, connections: 4 });
    await temporal.stop();
    const during = { ...load.counts.status };
    // Down: uploads store and queue their events, and say 503 within the wake-up's deadline instead of hanging.
    for (let n = 1; n <= UPLOADS; n++) expect(await upload(n)).toMatchObject({ status: 503, retryAfter: '5' });
    // Starting a sync says 503 the same way, within the start call's deadline.
    for (const sync of ['master-data', 'serial-backfill']) {
      const res = await fetch(`${api.url}/v1/syncs/${sync}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${producerKey}` },
      });
      expect({ sync, status: res.status, retryAfter: res.headers.get('retry-after') }).toEqual({
        sync,
        status: 503,
        retryAfter: '5',
      });
    }
    await sleep(1_000);
    const answeredWhileDown = (load.counts.status[200] ?? 0) - (during[200] ?? 0);
    expect(answeredWhileDown).toBeGreaterThan(0);
    // An API process (re)started during the outage comes up and answers verifications.
    const second = await startApiProcess({ ...env, VRS_ADMIN_TOKEN: ADMIN_TOKEN, BRUTE_FORCE_LIMIT: '1000000' });
    try {
      expect((await fetch(`${second.url}${paths[0]}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
        200,
      );
    } finally {
      expect(await second.stop()).toBe(0);
    }

    // Back: nobody uploads again, yet the sweep wakes the drain and every queued event reaches verify.
    temporal = await startTemporalDevServer({ headless: true, port, dbFile });
    const expected = PER_UPLOAD * (UPLOADS + 1);
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && (await serials()) < expected;) await sleep(200);
    const counts = await load.stop();
    expect(await serials()).toBe(expected);
    expect(await ctx.database.db.selectFrom('serial_update_queue').select('id').execute()).toEqual([]);
    // Verify answered throughout: 200 and 404 only, never a 5xx, and no request went unanswered.
    expect(Object.keys(counts.status).sort()).toEqual(['200', '404']);
    expect(counts.errors).toBe(0);
  }, 120_000);
});
