import { sql, type Kysely } from 'kysely';
import type { SerialEvent, SerialEventKind } from '../../domain/serials/event.js';
import type { SerialRules } from '../../domain/serials/rules.js';
import type { SerialFlags, SerialState, SerialStatus } from '../../domain/serials/state.js';
import type { Database } from '../schema.js';
import { serialStatesSql, type SerialKey } from '../serialSync/stateQuery.js';
import type { NetworkSerialRow } from '../tables/network.js';
import type { SourceSerialEventRow } from '../tables/sourceStores.js';

/** A stored event as the producer sees it: the event, and when and through which upload it came. */
export interface StoredSerialEvent extends SerialEvent {
  uploadId: string;
  receivedAt: Date;
}

/** The pack's identity and dates, named alike in the event store and the read table. */
const packOf = <Row extends SourceSerialEventRow | NetworkSerialRow>(
  row: Row,
): Pick<SerialState, 'gtin' | 'serial' | 'extendedExpiry' | 'extendedExpiryDate'> & {
  lot: Row['lot'];
  expiry: Row['expiry'];
  expiryDate: Row['expiry_date'];
} => ({
  gtin: row.gtin,
  serial: row.serial,
  lot: row.lot,
  expiry: row.expiry,
  expiryDate: row.expiry_date,
  extendedExpiry: row.extended_expiry,
  extendedExpiryDate: row.extended_expiry_date,
});

export const storedSerialEvent = (row: SourceSerialEventRow): StoredSerialEvent => {
  const flags: Partial<SerialFlags> = {};
  if (row.recalled !== null) flags.recalled = row.recalled;
  if (row.suspect !== null) flags.suspect = row.suspect;
  if (row.illegitimate !== null) flags.illegitimate = row.illegitimate;
  if (row.expiration_extended !== null) flags.expirationExtended = row.expiration_extended;
  return {
    eventId: row.event_id,
    kind: row.kind as SerialEventKind,
    affectsState: row.affects_state,
    fullState: row.full_state,
    ...packOf(row),
    status: row.status as SerialStatus | null,
    flags,
    reasonCode: row.reason_code,
    eventTime: row.event_time.toISOString(),
    uploadId: row.upload_id,
    receivedAt: row.received_at,
  };
};

/** Every stored event of one of the producer's serials, oldest first (event time, then id). */
export async function listEventsOfSerial(
  db: Kysely<Database>,
  companyId: string,
  key: SerialKey,
): Promise<StoredSerialEvent[]> {
  const rows = await db
    .selectFrom('source_serial_events')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('gtin', '=', key.gtin)
    .where('serial', '=', key.serial)
    .orderBy('event_time')
    .orderBy(sql`event_id collate "C"`)
    .execute();
  return rows.map(storedSerialEvent);
}

export const networkSerialState = (row: NetworkSerialRow): SerialState => ({
  ...packOf(row),
  status: row.status as SerialStatus,
  flags: {
    recalled: row.recalled,
    suspect: row.suspect,
    illegitimate: row.illegitimate,
    expirationExtended: row.expiration_extended,
  },
  reasonCode: row.reason_code,
  eventTime: row.event_time.toISOString(),
  eventId: row.event_id,
});

/** The read-table row of one of the producer's serials (its own partition only). */
export async function findOwnNetworkSerial(
  db: Kysely<Database>,
  companyId: string,
  key: SerialKey,
): Promise<SerialState | undefined> {
  const row = await db
    .selectFrom('network_serials')
    .selectAll()
    .where('producer_company_id', '=', companyId)
    .where('gtin', '=', key.gtin)
    .where('serial', '=', key.serial)
    .executeTakeFirst();
  return row && networkSerialState(row);
}

/** A listed serial: its state folded from the stored events, whether the rules select it, whether the network holds it. */
export interface ListedSerial {
  state: SerialState;
  selected: boolean;
  inNetwork: boolean;
}

export interface SerialListFilter {
  gtin?: string | undefined;
  lot?: string | undefined;
  status?: SerialStatus | undefined;
  after?: SerialKey | undefined;
  limit: number;
}

// The next GTIN-14 as text: the exclusive upper bound of one GTIN's keys.
const nextGtin = (gtin: string) => (BigInt(gtin) + 1n).toString().padStart(14, '0');

/**
 * The producer's serials in key order, each folded from its stored events as the serial sync
 * folds them (serialStatesSql), so the list shows what a sync would publish. Serials whose
 * events do not yet state lot and expiry are left out; a lot or status filter applies to the
 * folded state, so a page may scan past serials that do not match.
 */
export async function listProducerSerials(
  db: Kysely<Database>,
  companyId: string,
  rules: SerialRules,
  filter: SerialListFilter,
): Promise<ListedSerial[]> {
  const states = serialStatesSql(
    {
      kind: 'page',
      companyId,
      after: filter.after ?? null,
      ...(filter.gtin !== undefined && { gtinFrom: filter.gtin, gtinTo: nextGtin(filter.gtin) }),
    },
    rules,
  );
  const { rows } = await sql<NetworkSerialRow & { selected: boolean | null; in_network: boolean }>`
    select s.*, exists (select 1 from network_serials n
        where n.producer_company_id = s.producer_company_id and n.gtin = s.gtin and n.serial = s.serial) as in_network
    from (${sql.raw(states)}) s
    where s.lot is not null and s.status is not null
      ${filter.lot !== undefined ? sql`and s.lot = ${filter.lot}` : sql``}
      ${filter.status !== undefined ? sql`and s.status = ${filter.status}` : sql``}
    order by s.gtin, s.serial
    limit ${Math.trunc(filter.limit)}`.execute(db);
  return rows.map((row) => ({
    state: networkSerialState({ ...row, gtin: row.gtin.trim() }),
    selected: rules.enabled && row.selected === true,
    inNetwork: row.in_network,
  }));
}
