import { stringify } from 'csv-stringify/sync';
import { csvCell } from '../history/exportFormats.js';
import type { AtpExchange } from './exchange.js';

/** The audit-trail download's names, in CSV column order (JSON uses the same). */
export const ATP_EXCHANGE_COLUMNS = [
  'at',
  'corrUUID',
  'direction',
  'operation',
  'partnerId',
  'holderDID',
  'verifierDID',
  'result',
  'errorCodes',
  'latencyMs',
] as const;

export type AtpExchangeRecord = AtpExchange & { at: Date };

export const atpExchangeJson = (e: AtpExchangeRecord) => ({
  at: e.at.toISOString(),
  corrUUID: e.corrUuid,
  direction: e.direction,
  operation: e.operation,
  partnerId: e.partnerId,
  holderDID: e.holderDid,
  verifierDID: e.verifierDid,
  result: e.result,
  errorCodes: [...e.errorCodes],
  // real (float4): two decimals is what was measured
  latencyMs: e.latencyMs === null ? null : Math.round(e.latencyMs * 100) / 100,
});

export const atpExchangeCsv = (exchanges: readonly AtpExchangeRecord[]): string =>
  stringify(
    exchanges.map((e) => {
      const json = atpExchangeJson(e);
      return ATP_EXCHANGE_COLUMNS.map((c) => csvCell(json[c]));
    }),
    { header: true, columns: [...ATP_EXCHANGE_COLUMNS], record_delimiter: 'windows' },
  );
