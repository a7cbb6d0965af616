import { sql, type Kysely } from 'kysely';
import type { DirectoryRecord } from '../../domain/directory/record.js';
import type { Database } from '../schema.js';
import type { DirectoryPullKind, DirectoryPullOutcome, DirectoryPullRow } from '../tables/directory.js';
import { storePartnerRecords, type PageCounts, type PartnerDefaults } from './partnerDirectory.js';

export interface DirectoryPull {
  id: string;
  partnerId: string;
  kind: DirectoryPullKind;
  workflowId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: DirectoryPullOutcome;
  pages: number;
  records: number;
  ended: number;
  rejected: number;
  conflicts: number;
  error: string | null;
}

const toPull = (r: DirectoryPullRow): DirectoryPull => ({
  id: r.id,
  partnerId: r.partner_id,
  kind: r.kind,
  workflowId: r.workflow_id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  outcome: r.outcome,
  pages: r.pages,
  records: r.records,
  ended: r.ended,
  rejected: r.rejected,
  conflicts: r.conflicts,
  error: r.error,
});

/** The pull row of a workflow run; a retried start finds the row its first attempt made. */
export async function openDirectoryPull(
  db: Kysely<Database>,
  p: { partnerId: string; workflowId: string; runId: string },
): Promise<string> {
  const row = await db
    .insertInto('directory_pulls')
    .values({ partner_id: p.partnerId, kind: 'pull', workflow_id: p.workflowId, run_id: p.runId })
    .onConflict((oc) => oc.column('run_id').doUpdateSet({ run_id: p.runId }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishDirectoryPull(
  db: Kysely<Database>,
  pullId: string,
  outcome: Exclude<DirectoryPullOutcome, 'running'>,
  error: string | null = null,
): Promise<void> {
  await db
    .updateTable('directory_pulls')
    .set({ outcome, error, finished_at: sql`now()` })
    .where('id', '=', pullId)
    .execute();
}

export class CursorMovedError extends Error {
  override name = 'CursorMovedError';
}

/**
 * One pulled page in one transaction: the records and their conflicts, the partner's new
 * position and the pull's counts, so a failure after any page resumes exactly after it. The
 * partner row is locked and its position must still be the one the page was asked from; if
 * another pull moved it meanwhile, nothing is written (CursorMovedError) and the caller asks again.
 */
export async function applyPulledPage(
  db: Kysely<Database>,
  page: {
    pullId: string;
    partner: PartnerDefaults;
    from: string | null;
    to: string;
    records: readonly DirectoryRecord[];
    rejected: number;
    now: Date;
  },
): Promise<PageCounts> {
  return db.transaction().execute(async (trx) => {
    const partner = await trx
      .selectFrom('partners')
      .select('directory_cursor')
      .where('id', '=', page.partner.partnerId)
      .forUpdate()
      .executeTakeFirst();
    if (!partner) throw new CursorMovedError(`partner ${page.partner.partnerId} no longer exists`);
    if (partner.directory_cursor !== page.from)
      throw new CursorMovedError("another pull moved this partner's directory position meanwhile");
    const counts = await storePartnerRecords(trx, page.pullId, page.partner, page.records, page.now);
    await trx
      .updateTable('partners')
      .set({ directory_cursor: page.to })
      .where('id', '=', page.partner.partnerId)
      .execute();
    await addToPull(trx, page.pullId, counts, page.records.length + page.rejected, page.rejected);
    return counts;
  });
}

/** A whole directory upload in one transaction, recorded as a finished pull of kind 'upload'. */
export async function applyDirectoryUpload(
  db: Kysely<Database>,
  partner: PartnerDefaults,
  records: readonly DirectoryRecord[],
  now: Date,
): Promise<{ pullId: string } & PageCounts> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('directory_pulls')
      .values({ partner_id: partner.partnerId, kind: 'upload' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const counts = await storePartnerRecords(trx, id, partner, records, now);
    await addToPull(trx, id, counts, records.length, 0);
    await trx
      .updateTable('directory_pulls')
      .set({ outcome: 'completed', finished_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    return { pullId: id, ...counts };
  });
}

/** `received` counts every record of the page, rejected ones included. */
async function addToPull(
  db: Kysely<Database>,
  pullId: string,
  counts: PageCounts,
  received: number,
  rejected: number,
): Promise<void> {
  await db
    .updateTable('directory_pulls')
    .set((eb) => ({
      pages: eb('pages', '+', 1),
      records: eb('records', '+', received),
      ended: eb('ended', '+', counts.ended),
      rejected: eb('rejected', '+', rejected),
      conflicts: eb('conflicts', '+', counts.conflicts),
    }))
    .where('id', '=', pullId)
    .execute();
}

/** The newest pull and the newest upload of every partner. */
export async function latestPulls(db: Kysely<Database>): Promise<DirectoryPull[]> {
  const rows = await db
    .selectFrom('directory_pulls')
    .selectAll()
    .distinctOn(['partner_id', 'kind'])
    .orderBy('partner_id')
    .orderBy('kind')
    .orderBy('started_at', 'desc')
    .execute();
  return rows.map(toPull);
}

export async function findDirectoryPull(db: Kysely<Database>, pullId: string): Promise<DirectoryPull | undefined> {
  const row = await db.selectFrom('directory_pulls').selectAll().where('id', '=', pullId).executeTakeFirst();
  return row && toPull(row);
}

/** The partner's stored pull position text (partners.directory_cursor), or undefined for no such partner. */
export async function partnerPullPosition(
  db: Kysely<Database>,
  partnerId: string,
): Promise<{ position: string | null } | undefined> {
  const row = await db.selectFrom('partners').select('directory_cursor').where('id', '=', partnerId).executeTakeFirst();
  return row && { position: row.directory_cursor };
}
