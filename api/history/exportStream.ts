import type { HistoryCursor, HistoryPage } from '../../db/repositories/history.js';
import type { HistoryFormatter } from '../../domain/history/exportFormats.js';

/**
 * The export body: one keyset page is read each time the client has taken the previous one, so
 * memory stays at a page or two however long the range. A client that goes away cancels the
 * reads; a database failure errors the stream, so the client sees a broken transfer instead of a
 * short file that looks complete.
 */
export function historyExportStream(
  format: HistoryFormatter,
  first: HistoryPage,
  readPage: (after: HistoryCursor) => Promise<HistoryPage>,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const chunks = historyChunks(format, first, readPage);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        onError(error);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

async function* historyChunks(
  format: HistoryFormatter,
  first: HistoryPage,
  readPage: (after: HistoryCursor) => Promise<HistoryPage>,
) {
  if (format.start) yield format.start;
  let written = false;
  let page = first;
  for (;;) {
    if (page.records.length > 0) {
      yield format.page(page.records, !written);
      written = true;
    }
    if (!page.next) break;
    page = await readPage(page.next);
  }
  if (format.end) yield format.end;
}
