import type { HistoryScope } from '../../db/repositories/history.js';
import type { Company } from '../../db/repositories/companies.js';
import { forbidden, type Problem } from '../problem.js';
import { boundedRange } from './boundedRange.js';

export interface HistorySelection {
  from: string;
  to?: string | undefined;
  role?: 'producer' | 'consumer' | undefined;
  gtin?: string | undefined;
  verified?: boolean | undefined;
  requestor?: string | undefined;
  atp?: 'ok' | 'failed' | undefined;
}

/**
 * The rows a history request selects, for the calling company only. `tooLong` answers a range
 * past `maxRangeMs`: the streamed download points to a background export, an export names its own limit.
 */
export function historyScopeOf(
  company: Company,
  selection: HistorySelection,
  maxRangeMs: number,
  tooLong: () => Problem,
): HistoryScope {
  const { from, to } = boundedRange(selection, maxRangeMs, tooLong);
  const side = selection.role ?? (company.roles.includes('producer') ? 'producer' : 'consumer');
  if (!company.roles.includes(side)) throw forbidden(`your company is not a ${side}`);
  return {
    side,
    companyId: company.id,
    from,
    to,
    gtin: selection.gtin,
    verified: selection.verified,
    requestorGln: selection.requestor,
    atp: selection.atp,
  };
}
