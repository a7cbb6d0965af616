import type { Kysely } from 'kysely';
import type { AtpExchange } from '../../domain/atp/exchange.js';
import type { AtpExchangeRecord } from '../../domain/atp/exchangeReport.js';
import type { Database } from '../schema.js';

export async function insertAtpExchanges(db: Kysely<Database>, exchanges: readonly AtpExchange[]): Promise<void> {
  if (exchanges.length === 0) return;
  await db
    .insertInto('atp_exchanges')
    .values(
      exchanges.map((e) => ({
        company_id: e.companyId,
        corr_uuid: e.corrUuid,
        direction: e.direction,
        operation: e.operation,
        partner_id: e.partnerId,
        holder_did: e.holderDid,
        verifier_did: e.verifierDid,
        result: e.result,
        error_codes: [...e.errorCodes],
        latency_ms: e.latencyMs,
        request_id: e.requestId,
      })),
    )
    .execute();
}

/** One company's exchanges in [from, to), oldest first, at most `limit` (the atp_exchanges_company_idx range). */
export async function listAtpExchanges(
  db: Kysely<Database>,
  range: { companyId: string; from: Date; to: Date },
  limit: number,
): Promise<AtpExchangeRecord[]> {
  const rows = await db
    .selectFrom('atp_exchanges')
    .selectAll()
    .where('company_id', '=', range.companyId)
    .where('at', '>=', range.from)
    .where('at', '<', range.to)
    .orderBy('at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    companyId: r.company_id,
    corrUuid: r.corr_uuid,
    direction: r.direction,
    operation: r.operation,
    partnerId: r.partner_id,
    holderDid: r.holder_did,
    verifierDid: r.verifier_did,
    result: r.result,
    errorCodes: r.error_codes,
    latencyMs: r.latency_ms,
    requestId: r.request_id,
  }));
}
