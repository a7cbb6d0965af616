import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company, productsCsv } from './helpers/masterData.js';

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

/** A body of `total` bytes made only when pulled; `pulled` says how much the server asked for. */
function countedBody(total: number) {
  const counter = { pulled: 0 };
  const chunk = new TextEncoder().encode(' '.repeat(CHUNK));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      counter.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

describe('JSON request bodies are capped (JSON_BODY_LIMIT_BYTES, default 1 MiB)', () => {
  let ctx: ApiTestContext;
  let producer: string;
  let consumer: string;
  beforeAll(async () => {
    ctx = await createApiTestContext('jsonlimit');
    producer = (await company(ctx.database.db, { gln: '0361414000001', roles: ['producer'], prefixes: ['0361414'] }))
      .token;
    consumer = (await company(ctx.database.db, { gln: '0614141000005', roles: ['consumer'] })).token;
  });
  afterAll(() => ctx.close());

  const send = (
    method: string,
    path: string,
    token: string,
    body: string | ReadableStream<Uint8Array>,
    headers: Record<string, string> = {},
  ) =>
    ctx.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body,
      duplex: 'half',
    } as RequestInit);

  const expect413 = async (res: Response) => {
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { detail: string; errors: { path: string }[] };
    expect(problem.detail).toContain(`${MiB} bytes`);
    expect(problem.errors.map((e) => e.path)).toEqual(['body']);
  };

  test('a rules body just over the limit is a 413 problem; one within it is stored', async () => {
    const padded = (size: number) => JSON.stringify({ rules: { sendFailureReason: true } }).padEnd(size, ' ');
    await expect413(await send('PUT', '/v1/rules/response', producer, padded(MiB + 1)));
    expect((await send('PUT', '/v1/rules/response', producer, padded(MiB))).status).toBe(200);
  });

  test('a declared length over the limit is refused before a byte is read', async () => {
    const { stream, counter } = countedBody(200 * MiB);
    await expect413(await send('POST', '/v1/verifications', consumer, stream, { 'content-length': String(200 * MiB) }));
    expect(counter.pulled).toBeLessThanOrEqual(CHUNK); // a stream may pull its first chunk on creation
  });

  test('a streamed body is cut off as soon as it passes the limit, not read to its end', async () => {
    const { stream, counter } = countedBody(200 * MiB);
    await expect413(await send('POST', '/v1/verifications', consumer, stream));
    expect(counter.pulled).toBeLessThan(MiB + 4 * CHUNK);
  });

  test('every JSON route is covered, the operator API too', async () => {
    const big = '{"name":"x"}'.padEnd(MiB + 10, ' ');
    await expect413(await send('POST', '/v1/admin/companies', ADMIN_TOKEN, big));
    await expect413(await send('PUT', '/v1/rules/master-data', producer, big));
  });

  test('uploads keep their own, larger limit', async () => {
    const csv = productsCsv('0361414', 40_000);
    expect(csv.length).toBeGreaterThan(2 * MiB);
    const res = await send('POST', '/v1/master-data', producer, csv, { 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { accepted: number }).accepted).toBe(40_000);
  });

  test('the limit is configurable', async () => {
    const small = await createApiTestContext('jsonlimit-small', { JSON_BODY_LIMIT_BYTES: '100' });
    try {
      const res = await small.app.request('/v1/admin/companies', {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x'.repeat(120), gln: '0614141000005', roles: ['consumer'] }),
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { detail: string }).detail).toContain('100 bytes');
    } finally {
      await small.close();
    }
  });
});
