import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { WorkflowExecutionDescription } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { insertPartner } from '../db/repositories/partners.js';
import { launchCertificateRotation } from '../launchers/certificateRotation.js';
import { ensureDirectoryPullSchedule, pullSchedulingOf, triggerDirectoryPull } from '../launchers/directoryPull.js';
import { launchMasterDataSync } from '../launchers/masterDataSync.js';
import { workflowId } from '../workflows/ids.js';
import { VrsCompanyName, VrsKind } from '../workflows/searchAttributes.js';
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

  test("a producer's serial drain carries its name (woken, not yet run)", async () => {
    const producer = await company(ctx.database.db, {
      gln: '0361414000025',
      roles: ['producer'],
      prefixes: ['0361415'],
      name: 'Charlie Labs',
    });
    await ctx.deps.serialUpdates.wake(producer.company.id);
    const handle = ctx.temporal.client.workflow.getHandle(workflowId('serialUpdates', producer.company.id));
    try {
      const described = await handle.describe();
      expect(await described.staticSummary()).toBe('Serial updates for Charlie Labs');
      expect(await described.staticDetails()).toContain('**Company**: Charlie Labs (GLN 0361414000025; producer)');
      expectNamed(described, 'Charlie Labs', 'serialUpdates');
    } finally {
      await handle.terminate('test done');
    }
  });

  test("a partner's directory pull and certificate rotation carry the partner's name", async () => {
    const partner = await insertPartner(ctx.database.db, {
      name: 'Delta VRS',
      gln: '0361414000032',
      baseUrl: 'https://delta.test',
      directoryUrl: 'https://delta.test/directory',
      caPem: 'unused: nothing runs',
      pullDirectory: true,
    });

    const scheduling = pullSchedulingOf(ctx.deps);
    await ensureDirectoryPullSchedule(scheduling, partner);
    const schedule = ctx.temporal.client.schedule.getHandle(await triggerDirectoryPull(scheduling, partner));
    try {
      // The triggered run shows up in the schedule's recent actions once the server has started it.
      const started = await vi.waitFor(
        async () => {
          const action = (await schedule.describe()).info.recentActions[0];
          if (!action) throw new Error('not started yet');
          return action.action.workflow;
        },
        { timeout: 30_000, interval: 100 },
      );
      const pull = ctx.temporal.client.workflow.getHandle(started.workflowId, started.firstExecutionRunId);
      const described = await pull.describe();
      expect(await described.staticSummary()).toBe('Directory pull for Delta VRS');
      expect(await described.staticDetails()).toContain('**Partner**: Delta VRS (GLN 0361414000032)');
      expectNamed(described, 'Delta VRS', 'directoryPull');
      await pull.terminate('test done');
    } finally {
      await schedule.delete();
    }

    const rotation = ctx.temporal.client.workflow.getHandle(
      await launchCertificateRotation(ctx.deps, partner.id, 'certificate-1'),
    );
    try {
      const described = await rotation.describe();
      expect(await described.staticSummary()).toBe('Certificate rotation for Delta VRS');
      const details = await described.staticDetails();
      expect(details).toContain(`**Partner id**: ${partner.id}`);
      expect(details).toMatch(/\*\*Scope\*\*: our client certificate for the partner/);
      expectNamed(described, 'Delta VRS', 'certificateRotation');
    } finally {
      await rotation.terminate('test done');
    }
  });
});

function expectNamed(described: WorkflowExecutionDescription, name: string, kind: string) {
  expect(described.typedSearchAttributes.get(VrsCompanyName)).toBe(name);
  expect(described.typedSearchAttributes.get(VrsKind)).toBe(kind);
}
