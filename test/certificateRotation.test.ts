import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ActivityFailure, ApplicationFailure, WorkflowFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createCertificateActivities, pgCertificateStore } from '../activities/certificates.js';
import { findCertificate, listCertificates } from '../db/repositories/certificates.js';
import { insertPartner } from '../db/repositories/partners.js';
import * as certs from '../domain/certificates/index.js';
import { computeCheckDigit } from '../domain/gs1/gtin.js';
import { installQuietRuntime } from '../workers/runtime.js';
import {
  certificateRotation,
  rotateNowSignal,
  statusQuery,
  type CertificateRotationInput,
} from '../workflows/certificateRotation.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const DAY = 86_400_000;
const IDENTITY = { host: 'vrs.example.com', organization: 'Example Pharma', gln: '0614141000005' };

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;
let masterKey: certs.MasterKey;
let database: TestDatabase;
let partners = 0;
/** Partners' GLNs are unique: one per test. */
const nextGln = (body = `06141410${String(++partners).padStart(4, '0')}`) => `${body}${computeCheckDigit(body)}`;

beforeAll(async () => {
  installQuietRuntime();
  database = await createTestDatabase();
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('temporalTestServerPath') } },
  });
  const workflowsPath = fileURLToPath(new URL('../workflows/certificateRotation.ts', import.meta.url));
  bundle = await bundleWorkflowCode({ workflowsPath, logger: quietLogger });
  masterKey = unwrap(await certs.parseMasterKey(randomBytes(32).toString('base64')));
}, 300_000);

afterAll(async () => {
  await env?.teardown();
  await database?.drop();
});

describe('certificateRotation (time-skipping)', () => {
  test('a year in seconds: every 60 days a successor, active before its predecessor retires', async () => {
    const ctx = await setup();
    const status = await ctx.run(async (handle) => {
      await env.sleep('365d');
      return handle.query(statusQuery);
    });
    // Valid 90 days, renewed 30 days before expiry: rotations at days 60, 120, ..., 360.
    const rows = await ctx.certificates();
    const successors = rows.filter((row) => row.predecessorId !== null);
    expect(successors).toHaveLength(6);
    expect(status).toMatchObject({ phase: 'overlapping', rotations: 5, successorId: successors[5]!.id });
    expect(rows.filter((row) => row.status === 'retired')).toHaveLength(5);
    expect(ctx.store.events.every((e) => e.usableAfter >= 1)).toBe(true);

    for (const successor of successors) {
      const old = rows.find((row) => row.id === successor.predecessorId)!;
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
    expect(retired).toMatchObject({ id: ctx.firstId, usableAfter: 1 });
    const active = (await ctx.certificates()).filter((row) => row.status === 'active');
    expect(active.map((row) => row.id)).toEqual([activated.id]);
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
    expect((await ctx.certificates()).map((row) => [row.id, row.status])).toEqual([[ctx.firstId, 'active']]);
  });

  test('status tells what it waits for', async () => {
    const ctx = await setup();
    const status = await ctx.run(async (handle) => {
      await env.sleep('1d');
      return handle.query(statusQuery);
    });
    const first = (await findCertificate(database.db, ctx.firstId))!;
    expect(status).toEqual({
      certificateId: ctx.firstId,
      partnerId: ctx.partnerId,
      phase: 'waiting',
      renewAt: new Date(first.notAfter!.getTime() - 30 * DAY).toISOString(),
      successorId: null,
      retireAt: null,
      rotations: 0,
    });
  });
});

type Handle = Awaited<ReturnType<typeof env.client.workflow.start<typeof certificateRotation>>>;

/** A CA, a partner holding one active certificate valid 90 days, and a Worker on its own queue. */
async function setup(overrides: { loadCa?: () => Promise<certs.CertificateWithKey> } = {}) {
  const store = observed(database.db);
  const startedAt = new Date(await env.currentTimeMs());
  // Per test: the environment's clock is shared, and earlier tests move it on by years.
  const ca = unwrap(
    await certs.createCa({
      commonName: 'VRS Test CA',
      notBefore: new Date(startedAt.getTime() - DAY),
      notAfter: new Date(startedAt.getTime() + 3650 * DAY),
    }),
  );
  const { id: partnerId } = await insertPartner(database.db, {
    name: `Partner ${randomUUID()}`,
    gln: nextGln(),
    baseUrl: 'https://partner.example.com',
    directoryUrl: 'https://partner.example.com/directory',
    caPem: ca.certificatePem,
  });
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
    partnerId,
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
    partnerId,
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
  const certificates = () => listCertificates(database.db, { partnerId });
  return { store, partnerId, certificates, firstId, startedAt, ca, run };
}

interface StoreEvent {
  kind: 'activate' | 'retire';
  id: string;
  at: Date;
  /** How many of the partner's certificates were usable (active or retiring) right after the event. */
  usableAfter: number;
}

/**
 * The certificates repository on the test's database, recording each change it makes so the test
 * can replay the timeline and await the next change. A call that changes nothing (an activity's
 * retry) records nothing.
 */
function observed(db: TestDatabase['db']) {
  const store = pgCertificateStore(db);
  const events: StoreEvent[] = [];
  let waiters: { kind: StoreEvent['kind']; resolve: (event: StoreEvent) => void }[] = [];

  async function change(kind: StoreEvent['kind'], id: string, at: Date, apply: () => Promise<void>) {
    const status = kind === 'activate' ? 'active' : 'retired';
    const before = await findCertificate(db, id);
    await apply();
    const after = await findCertificate(db, id);
    if (before?.status === status || after?.status !== status) return;
    const rows = await listCertificates(db, { partnerId: after.partnerId! });
    const usableAfter = rows.filter((row) => row.status === 'active' || row.status === 'retiring').length;
    const event = { kind, id, at, usableAfter };
    events.push(event);
    const ready = waiters.filter((w) => w.kind === kind);
    waiters = waiters.filter((w) => w.kind !== kind);
    for (const w of ready) w.resolve(event);
  }

  return {
    ...store,
    events,
    activateSuccessor: (id: string, at: Date) => change('activate', id, at, () => store.activateSuccessor(id, at)),
    retireCertificate: (id: string, at: Date) => change('retire', id, at, () => store.retireCertificate(id, at)),
    /** Resolves at the next event of `kind`. */
    next: (kind: StoreEvent['kind']) =>
      new Promise<StoreEvent>((resolve) => {
        waiters.push({ kind, resolve });
      }),
  };
}

function unwrap<T, E>(result: { ok: true; value: T } | { ok: false; error: E }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const noop = () => {};
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
