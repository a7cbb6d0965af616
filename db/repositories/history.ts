import type { Kysely } from 'kysely';
import type { VerificationRecord } from '../../domain/history/record.js';
import type { Database } from '../schema.js';
import type { InsertableHistoryRow } from '../tables/history.js';

const toRow = (r: VerificationRecord): InsertableHistoryRow => ({
  verified_at: r.verifiedAt,
  channel: r.channel,
  requestor_gln: r.requestorGln,
  requestor_company_id: r.requestorCompanyId,
  producer_company_id: r.producerCompanyId,
  gtin: r.gtin,
  serial: r.serial,
  lot: r.lot,
  expiry: r.expiry,
  corr_uuid: r.corrUuid,
  http_status: r.httpStatus,
  verified: r.verified,
  failure_reason: r.failureReason,
  additional_info: [...r.additionalInfo],
  responder_gln: r.responderGln,
  in_network: r.inNetwork,
  latency_ms: r.latencyMs,
  ctrl_possess_att: r.ctrlPossessAtt,
  email: r.email,
  telephone: r.telephone,
  request_id: r.requestId,
});

/** One multi-row INSERT per batch: one round trip however many verifications it carries. */
export async function insertHistoryBatch(db: Kysely<Database>, records: readonly VerificationRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db.insertInto('verification_history').values(records.map(toRow)).execute();
}

export interface HistoryScope {
  /** Producers read verifications of their products; consumers their own requests. */
  side: 'producer' | 'consumer';
  companyId: string;
}

export interface HistoryCursor {
  verifiedAt: Date;
  id: number;
}

/** One keyset page in (verified_at, id) order, with the requesting company's name joined in. */
export async function readHistoryPage(db: Kysely<Database>, scope: HistoryScope, range: { from: Date; to: Date }, after: HistoryCursor | undefined, limit: number) {
  let query = db
    .selectFrom('verification_history as h')
    .leftJoin('companies as c', 'c.id', 'h.requestor_company_id')
    .selectAll('h')
    .select('c.name as requestor_company')
    .where(scope.side === 'producer' ? 'h.producer_company_id' : 'h.requestor_company_id', '=', scope.companyId)
    .where('h.verified_at', '>=', range.from)
    .where('h.verified_at', '<', range.to);
  if (after) query = query.where((eb) => eb.or([eb('h.verified_at', '>', after.verifiedAt), eb.and([eb('h.verified_at', '=', after.verifiedAt), eb('h.id', '>', after.id)])]));
  return query.orderBy('h.verified_at').orderBy('h.id').limit(limit).execute();
}

export type HistoryExportRow = Awaited<ReturnType<typeof readHistoryPage>>[number];
