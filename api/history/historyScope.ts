import type { HistoryScope } from '../../db/repositories/history.js';
import type { Company } from '../../db/repositories/companies.js';
import { historyRange } from '../../domain/history/range.js';
import { badRequest, forbidden, type Problem } from '../problem.js';

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
  const { from, to } = historyRange(selection.from, selection.to);
  if (!to)
    throw badRequest([{ path: 'to', message: 'required when from is an instant (a date alone means that whole day)' }]);
  if (to <= from) throw badRequest([{ path: 'to', message: 'must be after from' }]);
  if (to.getTime() - from.getTime() > maxRangeMs) throw tooLong();
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
