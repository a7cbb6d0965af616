import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ActivityFailure, ApplicationFailure, WorkflowFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createCertificateActivities } from '../activities/certificates.js';
import * as certs from '../domain/certificates/index.js';
import { installQuietRuntime } from '../workers/runtime.js';
import {
  certificateRotation,
  rotateNowSignal,
  statusQuery,
  type CertificateRotationInput,
} from '../workflows/certificateRotation.js';
import { MemoryCertificateStore } from './certificateRotation.store.js';

const DAY = 86_400_000;
const IDENTITY = { host: 'vrs.example.com', organization: 'Example Pharma', gln: '0614141000005' };

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;
let masterKey: certs.MasterKey;

beforeAll(async () => {
  installQuietRuntime();
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('temporalTestServerPath') } },
  });
  const workflowsPath = fileURLToPath(new URL('../workflows/certificateRotation.ts', import.meta.url));
  bundle = await bundleWorkflowCode({ workflowsPath, logger: quietLogger });
  masterKey = unwrap(await certs.parseMasterKey(randomBytes(32).toString('base64')));
}, 300_000);

afterAll(async () => {
  await env?.teardown();
});

describe('certificateRotation (time-skipping)', () => {
  test('a year in seconds: every 60 days a successor, active before its predecessor retires', async () => {
    const ctx = await setup();
    const status = await ctx.run(async (handle) => {
      await env.sleep('365d');
      return handle.query(statusQuery);
    });
    // Valid 90 days, renewed 30 days before expiry: rotations at days 60, 120, ..., 360.
    const successors = [...ctx.store.rows.values()].filter((row) => row.predecessorId !== null);
    expect(successors).toHaveLength(6);
    expect(status).toMatchObject({ phase: 'overlapping', rotations: 5, successorId: successors[5]!.id });
    expect(ctx.store.byStatus('retired')).toHaveLength(5);
    expect(ctx.store.events.every((e) => e.activeAfter >= 1)).toBe(true);

    for (const successor of successors) {
      const old = ctx.store.rows.get(successor.predecessorId!)!;
      const activated = ctx.store.events.find((e) => e.kind === 'activate' && e.id === successor.id)!;
      expect(activated.at.getTime()).toBeGreaterThanOrEqual(old.notAfter!.getTime() - 30 * DAY);
      expect(activated.at.getTime()).toBeLessThan(old.notAfter!.getTime() - 29 * DAY);
      const privateKeyPem = unwrap(await certs.decryptAtRestText(masterKey, successor.encryptedKey!));
      const validated = await certs.validateClientCertificate({
        certificatePem: successor.certificatePem!,
        privateKeyPem,
        caPem: ctx.ca.certificatePem,
        now: activated.at,
      });
      expect(validated.ok).toBe(true);
      const retired = ctx.store.events.find((e) => e.kind === 'retire' && e.id === old.id);
      if (!retired) continue; // the last one is still in its overlap
      expect(ctx.store.events.indexOf(activated)).toBeLessThan(ctx.store.events.indexOf(retired));
      expect(retired.at.getTime()).toBeGreaterThanOrEqual(activated.at.getTime() + 7 * DAY);
      expect(retired.at.getTime()).toBeLessThan(old.notAfter!.getTime());
    }
  });

  test('rotateNow rotates at once, and the old certificate retires after the overlap', async () => {
    const ctx = await setup();
    const { activated, status, retired } = await ctx.run(async (handle) => {
      const nextActivation = ctx.store.next('activate');
      await handle.signal(rotateNowSignal);
      const activated = await nextActivation;
      const nextRetirement = ctx.store.next('retire');
      // Time only moves while the workflow is idle, so a day later it is sleeping out the overlap.
      await env.sleep('1d');
      const status = await handle.query(statusQuery);
      await env.sleep('7d');
      return { activated, status, retired: await nextRetirement };
    });
    expect(activated.at.getTime()).toBeLessThan(ctx.startedAt.getTime() + DAY); // not day 60
    expect(status).toMatchObject({ phase: 'overlapping', successorId: activated.id, certificateId: ctx.firstId });
    expect(retired).toMatchObject({ id: ctx.firstId, activeAfter: 1 });
    expect(ctx.store.byStatus('active').map((row) => row.id)).toEqual([activated.id]);
  });

  test('an issueSuccessor that keeps failing fails the workflow after its retries; the old certificate stays active', async () => {
    let attempts = 0;
    const ctx = await setup({ loadCa: () => Promise.reject(new Error(`CA unavailable (attempt ${++attempts})`)) });
    const failure = await ctx.run((handle) =>
      handle.result().then(
        () => undefined,
        (error: unknown) => error,
      ),
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const activityFailure = (failure as WorkflowFailedError).cause as ActivityFailure;
    expect(activityFailure).toBeInstanceOf(ActivityFailure);
    expect(activityFailure.activityType).toBe('issueSuccessor');
    expect(activityFailure.cause).toBeInstanceOf(ApplicationFailure);
    expect(activityFailure.cause?.message).toBe('CA unavailable (attempt 10)');
    expect(attempts).toBe(10);
    expect([...ctx.store.rows.values()].map((row) => [row.id, row.status])).toEqual([[ctx.firstId, 'active']]);
  });

  test('status tells what it waits for', async () => {
    const ctx = await setup();
    const status = await ctx.run(async (handle) => {
      await env.sleep('1d');
      return handle.query(statusQuery);
    });
    const first = ctx.store.rows.get(ctx.firstId)!;
    expect(status).toEqual({
      certificateId: ctx.firstId,
      partnerId: 'partner-1',
      phase: 'waiting',
      renewAt: new Date(first.notAfter!.getTime() - 30 * DAY).toISOString(),
      successorId: null,
      retireAt: null,
      rotations: 0,
    });
  });
});

type Handle = Awaited<ReturnType<typeof env.client.workflow.start<typeof certificateRotation>>>;

/** A CA, a store holding one active certificate valid 90 days, and a Worker on its own queue. */
async function setup(overrides: { loadCa?: () => Promise<certs.CertificateWithKey> } = {}) {
  const store = new MemoryCertificateStore();
  const startedAt = new Date(await env.currentTimeMs());
  // Per test: the environment's clock is shared, and earlier tests move it on by years.
  const ca = unwrap(
    await certs.createCa({
      commonName: 'VRS Test CA',
      notBefore: new Date(startedAt.getTime() - DAY),
      notAfter: new Date(startedAt.getTime() + 3650 * DAY),
    }),
  );
  const first = unwrap(
    await certs.issueClientCertificate({
      ca,
      identity: IDENTITY,
      notBefore: startedAt,
      notAfter: new Date(startedAt.getTime() + 90 * DAY),
    }),
  );
  const metadata = unwrap(await certs.certificateMetadata(first.certificatePem));
  const { id: firstId } = await store.insertCertificate({
    partnerId: 'partner-1',
    purpose: 'client',
    status: 'pending',
    certificatePem: first.certificatePem,
    encryptedKey: await certs.encryptAtRest(masterKey, first.privateKeyPem),
    fingerprint: metadata.fingerprintSha256,
    notBefore: new Date(metadata.notBefore),
    notAfter: new Date(metadata.notAfter),
  });
  await store.activateSuccessor(firstId, startedAt);

  const activities = createCertificateActivities({
    store,
    masterKey,
    identity: IDENTITY,
    validityMs: 90 * DAY,
    loadCa: overrides.loadCa ?? (async () => ca),
  });
  const taskQueue = `certs-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities,
  });
  const input: CertificateRotationInput = {
    certificateId: firstId,
    partnerId: 'partner-1',
    renewBeforeMs: 30 * DAY,
    overlapMs: 7 * DAY,
  };

  /** Starts the workflow, runs `fn` while the Worker runs, and terminates what still runs. */
  async function run<T>(fn: (handle: Handle) => Promise<T>): Promise<T> {
    return worker.runUntil(async () => {
      const handle = await env.client.workflow.start(certificateRotation, {
        taskQueue,
        workflowId: `rotation-${randomUUID()}`,
        args: [input],
      });
      try {
        return await fn(handle);
      } finally {
        await handle.terminate('test done').catch(() => undefined);
      }
    });
  }
  return { store, firstId, startedAt, ca, run };
}

function unwrap<T, E>(result: { ok: true; value: T } | { ok: false; error: E }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const noop = () => {};
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
