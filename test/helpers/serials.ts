import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import { poolOf } from '../../db/pool.js';
import { insertSerialEvents } from '../../db/repositories/serialEvents.js';
import type { Database } from '../../db/schema.js';
import { serialStatesSql, type StateSource } from '../../db/serialSync/stateQuery.js';
import { loadBatch, startLoad, type LoadSummary } from '../../db/serialSync/load.js';
import { finishLoad } from '../../db/serialSync/swap.js';
import { inTransaction } from '../../db/serialSync/rawClient.js';
import { ensureSerialTable } from '../../db/serialSync/serialTables.js';
import { transferBatch, withTransferClients, type BatchResult } from '../../db/serialSync/transfer.js';
import { foldEvents } from '../../domain/serials/apply.js';
import type { SerialEvent } from '../../domain/serials/event.js';
import type { SerialRules } from '../../domain/serials/rules.js';
import type { SerialState } from '../../domain/serials/state.js';

/** A full-state event (a CSV/JSON row) with everything defaulted. */
export function stateEvent(
  over: Partial<SerialEvent> & Pick<SerialEvent, 'eventId' | 'serial' | 'eventTime'>,
): SerialEvent {
  return {
    kind: 'object',
    affectsState: true,
    fullState: true,
    gtin: '00305910369019',
    lot: 'L1',
    expiry: '270131',
    expiryDate: '2027-01-31',
    extendedExpiry: null,
    extendedExpiryDate: null,
    status: 'commissioned',
    flags: {},
    reasonCode: null,
    ...over,
  };
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

/** A whole backfill as serialBackfill runs it, without Temporal: start a load, fill it batch by batch, swap it in. */
export async function backfillDirect(
  db: Kysely<Database>,
  companyId: string,
  batchSize: number,
  rules: SerialRules = ALL,
): Promise<LoadSummary> {
  const ref = { companyId, runId: randomUUID() };
  return withTransferClients(poolOf(db), async (clients) => {
    await startLoad(clients.target, ref, [{}]);
    while (!(await loadBatch(clients.target, { ...ref, part: 0, batchSize, selection: rules })).finished);
    return finishLoad(clients, ref, rules);
  });
}

/** network_serials of a company as domain states, keyed `gtin/serial`. */
export async function readNetworkStates(db: Kysely<Database>, companyId: string): Promise<Map<string, SerialState>> {
  const rows = await db
    .selectFrom('network_serials')
    .selectAll()
    .where('producer_company_id', '=', companyId)
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.gtin}/${r.serial}`,
      {
        gtin: r.gtin,
        serial: r.serial,
        lot: r.lot,
        expiry: r.expiry,
        expiryDate: r.expiry_date,
        extendedExpiry: r.extended_expiry,
        extendedExpiryDate: r.extended_expiry_date,
        status: r.status as SerialState['status'],
        reasonCode: r.reason_code,
        flags: {
          recalled: r.recalled,
          suspect: r.suspect,
          illegitimate: r.illegitimate,
          expirationExtended: r.expiration_extended,
        },
        eventTime: r.event_time.toISOString(),
        eventId: r.event_id,
      },
    ]),
  );
}

/** Every stored event of a company, as the domain sees it (the reference for expected states). */
export async function readSourceEvents(db: Kysely<Database>, companyId: string): Promise<SerialEvent[]> {
  const rows = await db.selectFrom('source_serial_events').selectAll().where('company_id', '=', companyId).execute();
  return rows.map((r) => ({
    eventId: r.event_id,
    kind: r.kind as SerialEvent['kind'],
    affectsState: r.affects_state,
    fullState: r.full_state,
    gtin: r.gtin,
    serial: r.serial,
    lot: r.lot,
    expiry: r.expiry,
    expiryDate: r.expiry_date,
    extendedExpiry: r.extended_expiry,
    extendedExpiryDate: r.extended_expiry_date,
    status: r.status as SerialState['status'] | null,
    reasonCode: r.reason_code,
    eventTime: r.event_time.toISOString(),
    // null = not stated by the event (EPCIS): absent from the domain's Partial flags.
    flags: Object.fromEntries(
      Object.entries({
        recalled: r.recalled,
        suspect: r.suspect,
        illegitimate: r.illegitimate,
        expirationExtended: r.expiration_extended,
      }).filter(([, v]) => v !== null),
    ),
  }));
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
