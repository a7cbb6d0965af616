import type { Kysely } from 'kysely';
import type { AtpExchange } from '../../domain/atp/exchange.js';
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
