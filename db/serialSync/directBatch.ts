import type { SerialSelection } from './ruleFilter.js';
import { firstKeyAfter, lastKeyWritten, type KeyRange } from './readTableKeys.js';
import { copyIntoReadTable } from './stage.js';
import { batchEndSql, serialStatesSql, type PageSource, type SerialKey } from './stateQuery.js';
import type { BatchResult, TransferClients } from './transfer.js';

// The empty key comes before every real one: a range from the start has no lower bound.
const START: SerialKey = { gtin: '', serial: '' };

/**
 * The fast path of a first backfill: a page of states goes by binary COPY straight into
 * network_serials, one transaction, without the staging round. The page stops short of the read
 * table's next key (one index descent first), so nothing in it conflicts or is left to remove.
 * A full page ends at the last row written; only a short one (the last page, or serials the
 * rules leave out) reads its end from the state index. Undefined when the page runs into rows
 * the read table holds (the caller merges that page through staging) or holds nothing (the
 * caller's merge then finds the range done). A row the incremental sync
 * commits into the range meanwhile fails the COPY with a unique violation; the activity's retry
 * then finds it.
 */
export async function copyIntoFreeRange(clients: TransferClients, page: PageSource, selection: SerialSelection): Promise<BatchResult | undefined> {
  const { source, target } = clients;
  // A child's first batch starts at its GTIN range, not at the first key of all.
  const after = page.after ?? (page.gtinFrom !== undefined ? { gtin: page.gtinFrom, serial: '' } : START);
  await target.query('begin');
  try {
    const before = await firstKeyAfter(target, after, page.gtinTo);
    const bounded: PageSource = { ...page, before: before ?? undefined };
    const written = await copyIntoReadTable(source, target, serialStatesSql(bounded, selection));
    const result = written === page.limit ? await fullPage(clients, { after, before, gtinTo: page.gtinTo }, written) : await shortPage(clients, bounded, written, before !== null);
    await target.query(result ? 'commit' : 'rollback');
    return result;
  } catch (error) {
    await target.query('rollback').catch(() => undefined);
    throw error;
  }
}

// Every serial of the page was selected and written: its last row is the page's end.
async function fullPage(clients: TransferClients, range: KeyRange, written: number): Promise<BatchResult> {
  const last = await lastKeyWritten(clients.target, range);
  if (!last) throw new Error('a full page was written, yet its rows are not found in the read table');
  return { rows: written, selected: written, removed: 0, last };
}

async function shortPage(clients: TransferClients, page: PageSource, written: number, bounded: boolean): Promise<BatchResult | undefined> {
  const end = (await clients.source.query<SerialKey & { n: number }>(batchEndSql(page))).rows[0];
  // Empty, or cut short by the read table's rows rather than by the end of the range.
  if (!end || (bounded && end.n < page.limit)) return undefined;
  return { rows: end.n, selected: written, removed: 0, last: { gtin: end.gtin, serial: end.serial } };
}
