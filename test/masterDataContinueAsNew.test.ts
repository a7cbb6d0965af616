import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { workflowId } from '../workflows/ids.js';
import { masterDataSync, type MasterDataSyncResult } from '../workflows/masterDataSync.js';
import { VrsCompany, VrsKind, VrsProgress } from '../workflows/searchAttributes.js';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company, productsCsv, upload } from './helpers/masterData.js';

const KEPT = '0361414';
const DROPPED = '0361415';

describe('masterDataSync continues as new with its cursor, counts, progress and errors', () => {
  let ctx: ApiTestContext;
  let producer: Awaited<ReturnType<typeof company>>;
  beforeAll(async () => {
    ctx = await createApiTestContext('masterDataContinue');
    producer = await company(ctx.database.db, { gln: '0361414000001', roles: ['producer'], prefixes: [KEPT, DROPPED] });
    await upload(ctx, producer.token, 'text/csv', productsCsv(KEPT, 500));
    await upload(ctx, producer.token, 'text/csv', productsCsv(DROPPED, 500));
    // The operator takes a prefix away after the upload: those products fail validation at sync time.
    await ctx.database.db
      .updateTable('companies')
      .set({ company_prefixes: [KEPT] })
      .where('id', '=', producer.company.id)
      .execute();
  });
  afterAll(() => ctx.close());

  test('five runs of one plan each give the result of one long run, recorded under one sync_runs row', async () => {
    const id = workflowId('masterDataSync', producer.company.id);
    const { result, described } = await ctx.withWorkers(async () => {
      const handle = await ctx.temporal.client.workflow.start(masterDataSync, {
        workflowId: id,
        taskQueue: ctx.temporal.taskQueueOf('sync'),
        args: [{ companyId: producer.company.id, tuning: { pageSize: 100, pagesPerPlan: 2, plansPerRun: 1 } }],
        typedSearchAttributes: [
          { key: VrsCompany, value: producer.company.id },
          { key: VrsKind, value: 'masterDataSync' },
        ],
      });
      const result = (await handle.result()) as MasterDataSyncResult;
      return { result, described: await ctx.temporal.client.workflow.getHandle(id).describe() };
    });
    expect(result).toMatchObject({ total: 1000, done: 500, failed: 500, counts: { synced: 500, invalid: 500 } });
    const firstRunId = described.raw.workflowExecutionInfo?.firstRunId;
    expect(firstRunId).toBeTruthy();
    expect(described.runId).not.toBe(firstRunId);
    expect(described.typedSearchAttributes.get(VrsCompany)).toBe(producer.company.id);
    expect(described.typedSearchAttributes.get(VrsProgress)).toBe(100);

    const runs = await ctx.database.db.selectFrom('sync_runs').selectAll().where('workflow_id', '=', id).execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ run_id: firstRunId, status: 'completed', done: 500, failed: 500, total: 1000 });
    expect(runs[0]!.errors).toHaveLength(500);

    const view = (await (await ctx.call('GET', `/v1/syncs/${id}`, { token: producer.token })).json()) as {
      status: string;
      progress: { done: number; failed: number };
      errors: { gtin: string; reason: string }[];
    };
    expect(view).toMatchObject({ status: 'completed', progress: { done: 500, failed: 500 } });
    expect(view.errors[0]?.reason).toMatch(/^invalid: gtin: .*outside the producer's company prefixes/);
    expect(await ctx.database.db.selectFrom('network_products').select('gtin').execute()).toHaveLength(500);
  });
});
