import { sql, type Kysely } from 'kysely';
import type { HistoryExportRecord, VerificationRecord } from '../../domain/history/record.js';
import { poolOf } from '../pool.js';
import type { Database } from '../schema.js';
import type { InsertableHistoryRow } from '../tables/history.js';

// Partition upkeep lives beside the DDL it runs; re-exported so the aggregate has one entry point.
export { ensureHistoryPartitions } from '../historyPartitions.js';
export type { HistoryExportRecord };

type Value = string | number | boolean | null;

// Column -> the array type its values travel in and how a record gives the value. One array per
// column keeps the statement's text and plan the same for every batch size, so it is parsed and
// planned once per connection, unlike a multi-row VALUES insert. Values are read straight off the
// records: the API's event loop encodes them.
const HISTORY_COLUMNS: readonly (readonly [
  keyof InsertableHistoryRow & string,
  string,
  (r: VerificationRecord) => Value,
])[] = [
  // Epoch milliseconds: pg formats a Date through a slow local-time path.
  ['verified_at', 'float8', (r) => r.verifiedAt.getTime()],
  ['channel', 'text', (r) => r.channel],
  ['requestor_gln', 'text', (r) => r.requestorGln],
  ['requestor_company_id', 'uuid', (r) => r.requestorCompanyId],
  ['producer_company_id', 'uuid', (r) => r.producerCompanyId],
  ['gtin', 'text', (r) => r.gtin],
  ['serial', 'text', (r) => r.serial],
  ['lot', 'text', (r) => r.lot],
  ['expiry', 'text', (r) => r.expiry],
  ['corr_uuid', 'text', (r) => r.corrUuid],
  ['http_status', 'int2', (r) => r.httpStatus],
  ['verified', 'bool', (r) => r.verified],
  ['failure_reason', 'text', (r) => r.failureReason],
  // A text[] per row, which unnest cannot carry: an array literal, cast below (cheaper than a
  // JSON array unpacked by a subquery per row). The values are AdditionalInfo words: no quoting.
  ['additional_info', 'text', (r) => `{${r.additionalInfo.join(',')}}`],
  ['responder_gln', 'text', (r) => r.responderGln],
  ['in_network', 'bool', (r) => r.inNetwork],
  ['latency_ms', 'float4', (r) => r.latencyMs],
  ['ctrl_possess_att', 'bool', (r) => r.ctrlPossessAtt],
  ['email', 'text', (r) => r.email],
  ['telephone', 'text', (r) => r.telephone],
  ['request_id', 'text', (r) => r.requestId],
  ['partner_id', 'uuid', (r) => r.partnerId ?? null],
  ['peer_status', 'int2', (r) => r.peerStatus ?? null],
  ['peer_latency_ms', 'float4', (r) => r.peerLatencyMs ?? null],
  ['peer_failure_reason', 'text', (r) => r.peerFailureReason ?? null],
  ['near_miss', 'text', (r) => r.nearMiss ?? null],
  ['atp', 'text', (r) => r.atp ?? null],
  // Error codes are words (the wallet client drops anything else): no quoting, as additional_info.
  ['atp_error_codes', 'text', (r) => (r.atpErrorCodes ? `{${r.atpErrorCodes.join(',')}}` : null)],
];
const names = HISTORY_COLUMNS.map(([name]) => name);
const CAST: Partial<Record<string, string>> = {
  verified_at: 'to_timestamp(t.verified_at / 1000)',
  additional_info: 't.additional_info::text[]',
  atp_error_codes: 't.atp_error_codes::text[]',
};
const INSERT_HISTORY_SQL = `insert into verification_history (${names.join(', ')})
  select ${names.map((n) => CAST[n] ?? `t.${n}`).join(', ')}
  from unnest(${HISTORY_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) as t(${names.join(', ')})`;

const NEEDS_ESCAPE = /["\\]/;
const escapeElement = (s: string) => `"${NEEDS_ESCAPE.test(s) ? s.replace(/[\\"]/g, '\\$&') : s}"`;

/**
 * One column of a batch as a PostgreSQL array literal. pg would build the same text from a JS
 * array, but runs two regular-expression replaces on every element; here only strings are
 * quoted, and only a string holding `"` or `\` is escaped.
 */
function arrayLiteral(records: readonly VerificationRecord[], value: (r: VerificationRecord) => Value): string {
  let literal = '{';
  for (let i = 0; i < records.length; i++) {
    const v = value(records[i]!);
    if (i > 0) literal += ',';
    literal += v === null ? 'NULL' : typeof v === 'string' ? escapeElement(v) : String(v);
  }
  return literal + '}';
}

/** Bounds one statement's size; the writer's batches are far smaller. */
export const MAX_HISTORY_ROWS_PER_INSERT = 10_000;

/** One INSERT per batch, the same prepared statement whatever the row count: one round trip, no re-planning. */
export async function insertHistoryBatch(db: Kysely<Database>, records: readonly VerificationRecord[]): Promise<void> {
  if (records.length === 0) return;
  if (records.length > MAX_HISTORY_ROWS_PER_INSERT)
    throw new RangeError(`at most ${MAX_HISTORY_ROWS_PER_INSERT} history rows per insert`);
  const values = HISTORY_COLUMNS.map(([, , value]) => arrayLiteral(records, value));
  await poolOf(db).query({ name: 'vrs_insert_history', text: INSERT_HISTORY_SQL, values });
}

export interface HistoryScope {
  /** Producers read verifications of their products; consumers their own requests. */
  side: 'producer' | 'consumer';
  companyId: string;
  /** [from, to) */
  from: Date;
  to: Date;
  /** Optional filters: one GTIN, the answer's verified flag, the requestor's GLN. */
  gtin?: string | undefined;
  verified?: boolean | undefined;
  requestorGln?: string | undefined;
  /** Only verifications whose ATP check passed or failed. */
  atp?: 'ok' | 'failed' | undefined;
}

/** verified_at in whole microseconds: a JS Date would cut PostgreSQL's precision and repeat rows. */
export interface HistoryCursor {
  verifiedAtUs: number;
  id: number;
}

export interface HistoryPage {
  records: HistoryExportRecord[];
  /** Where the next page starts; undefined on the last page. */
  next: HistoryCursor | undefined;
}

/**
 * One keyset page in (verified_at, id) order. The row comparison is an index condition on
 * (company, verified_at, id), so page N starts where page N-1 ended instead of rescanning.
 */
export async function readHistoryPage(
  db: Kysely<Database>,
  scope: HistoryScope,
  after: HistoryCursor | undefined,
  limit: number,
): Promise<HistoryPage> {
  const rows = await db
    .selectFrom('verification_history as h')
    .leftJoin('companies as c', 'c.id', 'h.requestor_company_id')
    .select([
      'h.id',
      'h.verified_at',
      'h.channel',
      'h.requestor_gln',
      'c.name as requestor_company',
      'h.gtin',
      'h.serial',
      'h.lot',
      'h.expiry',
      'h.corr_uuid',
      'h.verified',
      'h.failure_reason',
      'h.additional_info',
      'h.responder_gln',
      'h.in_network',
      'h.latency_ms',
      'h.partner_id',
      'h.peer_status',
      'h.peer_latency_ms',
      'h.peer_failure_reason',
      'h.near_miss',
      'h.atp',
      'h.atp_error_codes',
      sql<string>`(extract(epoch from h.verified_at) * 1000000)::int8`.as('verified_us'),
    ])
    .where(scope.side === 'producer' ? 'h.producer_company_id' : 'h.requestor_company_id', '=', scope.companyId)
    .where('h.verified_at', '>=', scope.from)
    .where('h.verified_at', '<', scope.to)
    .$if(scope.gtin !== undefined, (q) => q.where('h.gtin', '=', scope.gtin!))
    .$if(scope.verified !== undefined, (q) => q.where('h.verified', '=', scope.verified!))
    .$if(scope.requestorGln !== undefined, (q) => q.where('h.requestor_gln', '=', scope.requestorGln!))
    .$if(scope.atp !== undefined, (q) => q.where('h.atp', '=', scope.atp!))
    .$if(after !== undefined, (q) =>
      q.where(
        sql<boolean>`(h.verified_at, h.id) > (timestamptz 'epoch' + ${after!.verifiedAtUs}::float8 * interval '1 microsecond', ${after!.id})`,
      ),
    )
    .orderBy('h.verified_at')
    .orderBy('h.id')
    .limit(limit)
    .execute();
  const last = rows.length === limit ? rows[rows.length - 1] : undefined;
  return {
    records: rows.map((r) => ({
      verifiedAt: r.verified_at,
      channel: r.channel,
      requestorGLN: r.requestor_gln,
      requestorCompany: r.requestor_company,
      gtin: r.gtin,
      serial: r.serial,
      lot: r.lot,
      expiry: r.expiry,
      corrUUID: r.corr_uuid,
      verified: r.verified,
      failureReason: r.failure_reason,
      additionalInfo: r.additional_info,
      responderGLN: r.responder_gln,
      inNetwork: r.in_network,
      latencyMs: r.latency_ms,
      // A consumer is told nothing about the producer's data, not even that its request came close.
      nearMiss: scope.side === 'producer' ? r.near_miss : null,
      partnerId: r.partner_id,
      peerStatus: r.peer_status,
      peerLatencyMs: r.peer_latency_ms,
      peerFailureReason: r.peer_failure_reason,
      atp: r.atp,
      atpErrorCodes: r.atp_error_codes,
    })),
    next: last && { verifiedAtUs: Number(last.verified_us), id: last.id },
  };
}
