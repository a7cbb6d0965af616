import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { runAdminCommand, UsageError, type AdminDeps } from '../scripts/lib/adminCommands.js';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company, productsCsv, upload } from './helpers/masterData.js';

const run = promisify(execFile);
const PREFIX = '0361414';

describe('npm run admin', () => {
  let ctx: ApiTestContext;
  let deps: AdminDeps;
  beforeAll(async () => {
    ctx = await createApiTestContext('adminCli');
    deps = {
      db: ctx.database.db,
      temporal: ctx.temporal.client,
      taskQueueOf: ctx.temporal.taskQueueOf,
      serialBackfillPartitions: 1,
    };
  });
  afterAll(() => ctx.close());

  /** The real script in its own process, against this file's database and the run's Temporal. */
  const admin = async (...args: string[]) => {
    const env = {
      ...process.env,
      DATABASE_URL: ctx.database.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      LOG_LEVEL: 'silent',
    };
    return run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], { env }).then(
      ({ stdout }) => ({
        code: 0,
        out: JSON.parse(stdout) as Record<string, unknown> & Record<string, unknown>[],
        err: '',
      }),
      (error: { code: number; stderr: string }) => ({ code: error.code, out: undefined, err: error.stderr }),
    );
  };

  test('companies and keys through the script: create, list, a key that works, revoked', async () => {
    const created = await admin(
      'companies',
      'create',
      '--name',
      'Cli Consumer',
      '--gln',
      '0321012345676',
      '--roles',
      'consumer',
    );
    expect(created.code).toBe(0);
    const {
      company: made,
      apiKey,
      keyId,
    } = created.out as unknown as { company: { id: string }; apiKey: string; keyId: string };
    expect((await ctx.call('GET', '/v1/me', { token: apiKey })).status).toBe(200);
    const listed = await admin('companies', 'list');
    expect(listed.out).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: made.id, name: 'Cli Consumer', roles: ['consumer'] })]),
    );
    const second = await admin('keys', 'create', made.id);
    expect((second.out as unknown as { apiKey: string }).apiKey).toMatch(/^vrs_/);
    expect((await admin('keys', 'revoke', made.id, keyId)).code).toBe(0);
    expect((await admin('keys', 'revoke', made.id, keyId)).code).toBe(2);
    const bad = await admin('companies', 'create', '--name', 'X', '--gln', '123', '--roles', 'consumer');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--gln must be a 13-digit GLN/);
    expect((await admin('nonsense')).err).toMatch(/unknown command: nonsense[\s\S]*npm run admin -- <command>/);
  }, 60_000);

  test('sync start, failed workflows, partners and queue drain', async () => {
    const producer = await company(ctx.database.db, {
      gln: '0361414000001',
      roles: ['producer'],
      prefixes: [PREFIX],
      name: 'Cli Producer',
    });
    await upload(ctx, producer.token, 'text/csv', productsCsv(PREFIX, 3));
    const consumer = await company(ctx.database.db, { gln: '0361414000018', roles: ['consumer'], name: 'Cli Failing' });
    await ctx.withWorkers(async () => {
      const started = (await runAdminCommand(deps, ['sync', 'start', producer.company.id, 'master-data'])) as {
        workflowId: string;
      };
      await ctx.temporal.client.workflow.getHandle(started.workflowId).result();
      const failing = (await runAdminCommand(deps, ['sync', 'start', consumer.company.id, 'master-data'])) as {
        workflowId: string;
      };
      await expect(ctx.temporal.client.workflow.getHandle(failing.workflowId).result()).rejects.toThrow();
      // Visibility is eventually consistent: poll until the failed run is listed.
      let failed: { workflowId: string; company: string | null }[] = [];
      while (!failed.some((r) => r.workflowId === failing.workflowId))
        failed = (await runAdminCommand(deps, ['workflows', 'failed'])) as typeof failed;
      expect(failed.find((r) => r.workflowId === failing.workflowId)?.company).toBe('Cli Failing');

      await ctx.database.db
        .insertInto('serial_update_queue')
        .values({ company_id: producer.company.id, from_seq: 1, to_seq: 1 })
        .execute();
      expect(await runAdminCommand(deps, ['queue', 'drain'])).toEqual({ woken: [producer.company.id] });
    });
    expect(await runAdminCommand(deps, ['partners', 'list'])).toEqual([]);
    await expect(runAdminCommand(deps, ['sync', 'start', producer.company.id, 'everything'])).rejects.toBeInstanceOf(
      UsageError,
    );
  }, 60_000);

  test('blocks list and lift ask the API process that holds them', async () => {
    const server = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const withApi = { ...deps, api: { url, token: ADMIN_TOKEN } };
      for (let i = 0; i < ctx.deps.config.BRUTE_FORCE_LIMIT; i++) ctx.deps.bruteForce.recordMiss('company-x:key-y');
      expect(await runAdminCommand(withApi, ['blocks', 'list'])).toEqual([
        expect.objectContaining({ caller: 'company-x:key-y' }),
      ]);
      expect(await runAdminCommand(withApi, ['blocks', 'lift', 'company-x:key-y'])).toEqual({
        caller: 'company-x:key-y',
        lifted: true,
      });
      expect(await runAdminCommand(withApi, ['blocks', 'list'])).toEqual([]);
      await expect(runAdminCommand(withApi, ['blocks', 'lift', 'company-x:key-y'])).rejects.toBeInstanceOf(UsageError);
      await expect(runAdminCommand(deps, ['blocks', 'list'])).rejects.toThrow(/VRS_API_URL/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
