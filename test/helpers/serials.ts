import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { poolOf } from '../../db/pool.js';
import { networkSerialState, storedSerialEvent } from '../../db/repositories/producerSerials.js';
import { insertSerialEvents } from '../../db/repositories/serialEvents.js';
import type { Database } from '../../db/schema.js';
import { serialStatesSql, type StateSource } from '../../db/serialSync/stateQuery.js';
import { loadBatch, startLoad, type LoadRef, type LoadSummary } from '../../db/serialSync/load.js';
import { finishLoad } from '../../db/serialSync/swap.js';
import { inTransaction } from '../../db/serialSync/rawClient.js';
import { ensureSerialTable } from '../../db/serialSync/serialTables.js';
import { transferBatch, withTransferClients, type BatchResult } from '../../db/serialSync/transfer.js';
import { foldEvents } from '../../domain/serials/apply.js';
import type { SerialEvent } from '../../domain/serials/event.js';
import type { GtinRange } from '../../domain/serials/gtinRanges.js';
import type { SerialRules } from '../../domain/serials/rules.js';
import type { SerialState } from '../../domain/serials/state.js';
import { serialEvent } from './serialEvent.js';

/** A full-state event (a CSV/JSON row) with everything defaulted. */
export function stateEvent(
  over: Partial<SerialEvent> & Pick<SerialEvent, 'eventId' | 'serial' | 'eventTime'>,
): SerialEvent {
  return serialEvent(over);
}

export async function storeEvents(db: Kysely<Database>, companyId: string, events: readonly SerialEvent[]) {
  return insertSerialEvents(db, companyId, randomUUID(), events);
}

const ALL: SerialRules = { enabled: true, include: [] };

/** One batch straight through the staging table and merge into the producer's partition, as serialUpdates runs it. */
export async function transfer(
  db: Kysely<Database>,
  source: StateSource,
  rules: SerialRules = ALL,
): Promise<BatchResult> {
  return withTransferClients(poolOf(db), async (clients) => {
    const table = await ensureSerialTable(clients.target, source.companyId);
    return inTransaction(clients.target, () => transferBatch(clients, serialStatesSql(source, rules), table));
  });
}

/**
 * A whole backfill as serialBackfill runs it, without Temporal: start a load with one part per
 * GTIN range, fill each part batch by batch, swap it in.
 */
export async function backfillDirect(
  db: Kysely<Database>,
  companyId: string,
  batchSize: number,
  rules: SerialRules = ALL,
  ranges: readonly GtinRange[] = [{}],
): Promise<LoadSummary> {
  const ref = { companyId, runId: randomUUID() };
  return withTransferClients(poolOf(db), async (clients) => {
    await startLoad(clients.target, ref, ranges);
    await loadParts(clients.target, ref, ranges.length, batchSize, rules);
    return finishLoad(clients, ref, rules);
  });
}

/** Loads each of a started load's `parts` to its end, `batchSize` serials a batch. */
export async function loadParts(
  client: pg.ClientBase,
  ref: LoadRef,
  parts: number,
  batchSize: number,
  rules: SerialRules = ALL,
): Promise<void> {
  for (let part = 0; part < parts; part++)
    while (!(await loadBatch(client, { ...ref, part, batchSize, selection: rules })).finished);
}

/** network_serials of a company as domain states, keyed `gtin/serial`. */
export async function readNetworkStates(db: Kysely<Database>, companyId: string): Promise<Map<string, SerialState>> {
  const rows = await db
    .selectFrom('network_serials')
    .selectAll()
    .where('producer_company_id', '=', companyId)
    .execute();
  return new Map(rows.map((r) => [`${r.gtin}/${r.serial}`, networkSerialState(r)]));
}

/** Every stored event of a company, as the domain sees it (the reference for expected states). */
export async function readSourceEvents(db: Kysely<Database>, companyId: string): Promise<SerialEvent[]> {
  const rows = await db.selectFrom('source_serial_events').selectAll().where('company_id', '=', companyId).execute();
  return rows.map((r) => {
    const { uploadId: _upload, receivedAt: _received, ...event } = storedSerialEvent(r);
    return event;
  });
}

/** The states domain foldEvents gives for these events, keyed `gtin/serial` (optionally filtered). */
export function expectedStates(
  events: readonly SerialEvent[],
  keep: (s: SerialState) => boolean = () => true,
): Map<string, SerialState> {
  const bySerial = new Map<string, SerialEvent[]>();
  for (const e of events) {
    const key = `${e.gtin}/${e.serial}`;
    bySerial.set(key, [...(bySerial.get(key) ?? []), e]);
  }
  const out = new Map<string, SerialState>();
  for (const [key, list] of bySerial) {
    const state = foldEvents(list);
    if (state && keep(state)) out.set(key, state);
  }
  return out;
}

/** Keys whose states differ (first few), so a mismatch in 200k rows prints something readable. */
export function differences(actual: Map<string, SerialState>, expected: Map<string, SerialState>, limit = 5): string[] {
  const out: string[] = [];
  for (const [key, want] of expected) {
    const got = actual.get(key);
    if (!isDeepStrictEqual(got, want)) out.push(`${key}: got ${JSON.stringify(got)} want ${JSON.stringify(want)}`);
    if (out.length >= limit) return out;
  }
  for (const key of actual.keys()) if (!expected.has(key) && out.length < limit) out.push(`${key}: unexpected row`);
  return out;
}
