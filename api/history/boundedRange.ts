import { historyRange, isDateOnly } from '../../domain/history/range.js';
import { badRequest, type Problem } from '../problem.js';

/**
 * The [from, to) of a download over the calling company's records, refused as a 400 naming `to`
 * when it is missing, empty or longer than `maxRangeMs` (`tooLong` says what to do instead).
 */
export function boundedRange(
  selection: { from: string; to?: string | undefined },
  maxRangeMs: number,
  tooLong: () => Problem,
): { from: Date; to: Date } {
  const { from, to } = historyRange(selection.from, selection.to);
  if (!to)
    throw badRequest([{ path: 'to', message: 'required when from is an instant (a date alone means that whole day)' }]);
  // A date-only `to` is an inclusive day, so it may equal from's day but not precede it.
  if (to <= from)
    throw badRequest([
      {
        path: 'to',
        message: selection.to && isDateOnly(selection.to) ? 'must not be before from' : 'must be after from',
      },
    ]);
  if (to.getTime() - from.getTime() > maxRangeMs) throw tooLong();
  return { from, to };
}
