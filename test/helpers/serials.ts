import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { poolOf } from '../../db/pool.js';
import { insertSerialEvents } from '../../db/repositories/serialEvents.js';
import type { Database } from '../../db/schema.js';
import { serialStatesSql, type StateSource } from '../../db/serialSync/stateQuery.js';
import { transferBatch, withTransferClients, type BatchResult } from '../../db/serialSync/transfer.js';
import type { SerialEvent } from '../../domain/serials/event.js';
import type { SerialRules } from '../../domain/serials/rules.js';
import type { SerialState } from '../../domain/serials/state.js';

/** A full-state event (a CSV/JSON row) with everything defaulted. */
export function stateEvent(over: Partial<SerialEvent> & Pick<SerialEvent, 'eventId' | 'serial' | 'eventTime'>): SerialEvent {
  return {
    kind: 'object', affectsState: true, fullState: true, gtin: '00305910369019', lot: 'L1', expiry: '270131', expiryDate: '2027-01-31',
    extendedExpiry: null, extendedExpiryDate: null, status: 'commissioned', flags: {}, reasonCode: null, ...over,
  };
}

export async function storeEvents(db: Kysely<Database>, companyId: string, events: readonly SerialEvent[]) {
  return insertSerialEvents(db, companyId, randomUUID(), events);
}

/** One batch straight through the staging table and merge, as the activities run it. */
export async function transfer(db: Kysely<Database>, source: StateSource, rules: SerialRules = { enabled: true, include: [] }, fresh = false): Promise<BatchResult> {
  return withTransferClients(poolOf(db), (clients) => transferBatch(clients, serialStatesSql(source, rules), { fresh }));
}

/** network_serials of a company as domain states, keyed `gtin/serial`. */
export async function readNetworkStates(db: Kysely<Database>, companyId: string): Promise<Map<string, SerialState>> {
  const rows = await db.selectFrom('network_serials').selectAll().where('producer_company_id', '=', companyId).execute();
  return new Map(
    rows.map((r) => [
      `${r.gtin}/${r.serial}`,
      {
        gtin: r.gtin, serial: r.serial, lot: r.lot, expiry: r.expiry, expiryDate: r.expiry_date, extendedExpiry: r.extended_expiry,
        extendedExpiryDate: r.extended_expiry_date, status: r.status as SerialState['status'], reasonCode: r.reason_code,
        flags: { recalled: r.recalled, suspect: r.suspect, illegitimate: r.illegitimate, expirationExtended: r.expiration_extended },
        eventTime: r.event_time.toISOString(), eventId: r.event_id,
      },
    ]),
  );
}
