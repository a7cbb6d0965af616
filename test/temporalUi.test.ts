import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchMasterDataSync } from '../launchers/masterDataSync.js';
import { VrsCompanyName } from '../workflows/searchAttributes.js';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company, productsCsv, upload } from './helpers/masterData.js';

const PREFIX = '0361414';

describe('what the Temporal UI shows of a run', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await createApiTestContext('temporalUi');
  });
  afterAll(() => ctx.close());

  test("a sync carries the company's name, kind and scope (static summary, details, VrsCompanyName)", async () => {
    const producer = await company(ctx.database.db, {
      gln: '0361414000001',
      roles: ['producer'],
      prefixes: [PREFIX],
      name: 'Acme Pharma',
    });
    await upload(ctx, producer.token, 'text/csv', productsCsv(PREFIX, 3));
    const described = await ctx.withWorkers(async () => {
      const handle = ctx.temporal.client.workflow.getHandle(await launchMasterDataSync(ctx.deps, producer.company.id));
      await handle.result();
      return handle.describe();
    });
    expect(await described.staticSummary()).toBe('Master-data sync for Acme Pharma');
    const details = await described.staticDetails();
    expect(details).toContain('**Company**: Acme Pharma (GLN 0361414000001; producer)');
    expect(details).toContain(`**Company id**: ${producer.company.id}`);
    expect(details).toMatch(/\*\*Scope\*\*: every product/);
    expect(described.typedSearchAttributes.get(VrsCompanyName)).toBe('Acme Pharma');
  });

  test('a failed sync says, in words, what failed for whom and what to do; type and details for tools', async () => {
    const consumer = await company(ctx.database.db, {
      gln: '0361414000018',
      roles: ['consumer'],
      prefixes: [],
      name: 'Bravo Distribution',
    });
    const failure = await ctx.withWorkers(async () => {
      const handle = ctx.temporal.client.workflow.getHandle(await launchMasterDataSync(ctx.deps, consumer.company.id));
      return handle.result().then(
        () => undefined,
        (error: unknown) => error,
      );
    });
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    const app = cause as ApplicationFailure;
    expect(app.type).toBe('MasterDataSyncFailed');
    expect(app.message).toMatch(
      /^Master-data sync for Bravo Distribution failed: company .* is not a producer \(.*start the sync again/,
    );
    expect(app.details?.[0]).toMatchObject({
      companyId: consumer.company.id,
      companyName: 'Bravo Distribution',
      causeType: 'NotAProducer',
    });
  });
});
