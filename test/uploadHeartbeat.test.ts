import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { beatUpload, failStaleUploads, STALE_UPLOAD_REASON } from '../db/repositories/uploadHeartbeat.js';
import { createUpload, endUpload } from '../db/repositories/uploads.js';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company } from './helpers/masterData.js';

interface UploadView {
  id: string;
  status: string;
  stopReason: string | null;
  finishedAt: string | null;
}

/** Two minutes, the default: the rows made stale below are ten minutes old. */
const STALE_MS = 120_000;

describe('an upload whose reading process died is failed, a live one never', () => {
  let ctx: ApiTestContext;
  let token: string;
  let companyId: string;
  beforeAll(async () => {
    ctx = await createApiTestContext('uploadHeartbeat');
    const made = await company(ctx.database.db, { gln: '0361414000001', roles: ['producer'], prefixes: ['0361414'] });
    token = made.token;
    companyId = made.company.id;
  });
  afterAll(() => ctx.close());

  /** An upload as a process left it, its last sign of life `ageSec` ago. */
  const left = async (status: 'queued' | 'running', ageSec: number) => {
    const id = await createUpload(ctx.database.db, { companyId, kind: 'master-data', contentType: 'text/csv', status });
    await sql`update uploads set heartbeat_at = now() - make_interval(secs => ${ageSec}) where id = ${id}`.execute(
      ctx.database.db,
    );
    return id;
  };
  const view = async (id: string) => {
    const res = await ctx.call('GET', `/v1/uploads/${id}`, { token });
    expect(res.status).toBe(200);
    return (await res.json()) as UploadView;
  };

  test('reading an upload with no sign of life for UPLOAD_STALE_MS shows it failed, and why', async () => {
    const dead = await left('running', 600);
    const live = await left('running', 5);
    expect(await view(dead)).toMatchObject({ status: 'failed', stopReason: STALE_UPLOAD_REASON });
    expect((await view(dead)).finishedAt).not.toBeNull();
    expect(await view(live)).toMatchObject({ status: 'running', stopReason: null });
  });

  test('listing sweeps too, queued ones included; an ended upload keeps its end', async () => {
    const dead = await left('queued', 600);
    const done = await left('running', 600);
    await endUpload(ctx.database.db, done, {
      status: 'completed',
      counts: { rowsRead: 1, accepted: 1, rejected: 0, bytesRead: 10 },
    });
    await sql`update uploads set heartbeat_at = now() - interval '1 hour' where id = ${done}`.execute(ctx.database.db);
    const res = await ctx.call('GET', '/v1/uploads?limit=100', { token });
    const items = ((await res.json()) as { items: UploadView[] }).items;
    expect(items.find((u) => u.id === dead)).toMatchObject({ status: 'failed', stopReason: STALE_UPLOAD_REASON });
    expect(items.find((u) => u.id === done)).toMatchObject({ status: 'completed', stopReason: null });
  });

  test('a beat keeps an old upload alive; the sweep answers how many it failed', async () => {
    const beaten = await left('running', 600);
    const dead = await left('running', 600);
    await beatUpload(ctx.database.db, beaten);
    expect(await failStaleUploads(ctx.database.db, STALE_MS)).toBe(1);
    expect(await failStaleUploads(ctx.database.db, STALE_MS)).toBe(0);
    expect((await view(beaten)).status).toBe('running');
    expect((await view(dead)).status).toBe('failed');
    // A beat does not revive an upload that has ended.
    await beatUpload(ctx.database.db, dead);
    expect((await view(dead)).status).toBe('failed');
  });
});
