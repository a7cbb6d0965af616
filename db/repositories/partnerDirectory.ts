import { sql, type Kysely, type Transaction } from 'kysely';
import type { DirectoryRecord } from '../../domain/directory/record.js';
import { winningRecord } from '../../domain/directory/precedence.js';
import type { Database } from '../schema.js';

/** What a partner's record takes from the partner when the record leaves a field out. */
export interface PartnerDefaults {
  partnerId: string;
  vrsName: string;
  verificationUrl: string;
}

export interface PageCounts {
  /** Records written (new or changed; an unchanged record is left alone). */
  stored: number;
  /** Records received with a valid-to at or before now: the partner ended them. */
  ended: number;
  /** GTINs of the page another source claims at the same time. */
  conflicts: number;
}

/**
 * Stores one page of a partner's records and the conflicts they make, in the caller's
 * transaction: an upsert keyed by (GTIN, partner), so a page applied twice changes nothing.
 * A record the partner ended keeps its row with the end date (never a delete).
 */
export async function storePartnerRecords(
  trx: Transaction<Database>,
  pullId: string,
  p: PartnerDefaults,
  records: readonly DirectoryRecord[],
  now: Date,
): Promise<PageCounts> {
  if (records.length === 0) return { stored: 0, ended: 0, conflicts: 0 };
  // The last record of a GTIN within one page wins, as it would across pages.
  const byGtin = new Map(records.map((r) => [r.gtin, r]));
  const rows = [...byGtin.values()];
  const col = <T>(f: (r: DirectoryRecord) => T) => rows.map(f);
  // A record without a valid-from (a spreadsheet's) keeps the one it has, or starts now: sending
  // the same sheet again changes nothing.
  const result = await sql`
    with given as (
      select * from unnest(${col((r) => r.gtin)}::char(14)[], ${col((r) => r.responderGln)}::char(13)[], ${col((r) => r.vrsName ?? p.vrsName)}::text[],
                           ${col((r) => r.verificationUrl ?? p.verificationUrl)}::text[],
                           ${col((r) => r.connectivityUrl ?? `${(r.verificationUrl ?? p.verificationUrl).replace(/\/+$/, '')}/checkConnectivity`)}::text[],
                           ${col((r) => r.validFrom?.toISOString() ?? null)}::timestamptz[], ${col((r) => r.validTo?.toISOString() ?? null)}::timestamptz[])
        as r (gtin, gln, vrs_name, verification_url, connectivity_url, valid_from, valid_to)
    )
    insert into directory_entries (gtin, responder_gln, source, partner_id, vrs_name, verification_url, connectivity_url, valid_from, valid_to)
    select r.gtin, r.gln, ${p.partnerId}, ${p.partnerId}::uuid, r.vrs_name, r.verification_url, r.connectivity_url, coalesce(r.valid_from, e.valid_from, ${now}), r.valid_to
    from given r left join directory_entries e on e.gtin = r.gtin and e.source = ${p.partnerId}
    on conflict (gtin, source) do update set
      responder_gln = excluded.responder_gln, vrs_name = excluded.vrs_name, verification_url = excluded.verification_url,
      connectivity_url = excluded.connectivity_url, valid_from = excluded.valid_from, valid_to = excluded.valid_to, updated_at = now()
    where (directory_entries.responder_gln, directory_entries.vrs_name, directory_entries.verification_url, directory_entries.connectivity_url,
           directory_entries.valid_from, directory_entries.valid_to)
      is distinct from (excluded.responder_gln, excluded.vrs_name, excluded.verification_url, excluded.connectivity_url, excluded.valid_from, excluded.valid_to)`.execute(
    trx,
  );
  const conflicts = await recordConflicts(trx, pullId, p.partnerId, [...byGtin.keys()], now);
  return {
    stored: Number(result.numAffectedRows ?? 0),
    ended: rows.filter((r) => r.validTo !== null && r.validTo <= now).length,
    conflicts,
  };
}

/**
 * Finds, for the page's GTINs, the other sources whose records are valid at the same time as
 * the partner's, stores each pair with the source routing follows, and drops the pairs of
 * these GTINs that no longer clash. Returns the GTINs in conflict.
 */
async function recordConflicts(
  trx: Transaction<Database>,
  pullId: string,
  partnerId: string,
  gtins: string[],
  now: Date,
): Promise<number> {
  const { rows } = await sql<{
    gtin: string;
    gln: string;
    from: Date;
    updated: Date;
    other_source: string;
    other_gln: string;
    other_from: Date;
    other_updated: Date;
  }>`
    select mine.gtin, mine.responder_gln as gln, mine.valid_from as from, mine.updated_at as updated,
           other.source as other_source, other.responder_gln as other_gln, other.valid_from as other_from, other.updated_at as other_updated
    from directory_entries mine
    join directory_entries other on other.gtin = mine.gtin and other.source <> mine.source
    where mine.gtin = any(${gtins}::char(14)[]) and mine.source = ${partnerId} and ${bothValid(now)}`.execute(trx);
  const pairs = rows.map((r) => ({
    gtin: r.gtin,
    source: partnerId,
    other_source: r.other_source,
    pull_id: pullId,
    responder_gln: r.gln,
    other_responder_gln: r.other_gln,
    winner: winningRecord(
      { source: partnerId, validFrom: r.from, updatedAt: r.updated },
      { source: r.other_source, validFrom: r.other_from, updatedAt: r.other_updated },
    ).source,
  }));
  let stale = trx.deleteFrom('directory_conflicts').where('source', '=', partnerId).where('gtin', 'in', gtins);
  if (pairs.length > 0) {
    stale = stale.where(
      sql<boolean>`(gtin, other_source) not in (select * from unnest(${pairs.map((p) => p.gtin)}::char(14)[], ${pairs.map((p) => p.other_source)}::text[]))`,
    );
  }
  await stale.execute();
  if (pairs.length === 0) return 0;
  await trx
    .insertInto('directory_conflicts')
    .values(pairs)
    .onConflict((oc) =>
      oc.columns(['gtin', 'source', 'other_source']).doUpdateSet((eb) => ({
        pull_id: eb.ref('excluded.pull_id'),
        responder_gln: eb.ref('excluded.responder_gln'),
        other_responder_gln: eb.ref('excluded.other_responder_gln'),
        winner: eb.ref('excluded.winner'),
        detected_at: sql`now()`,
      })),
    )
    .execute();
  return new Set(pairs.map((p) => p.gtin)).size;
}

export interface DirectoryConflict {
  gtin: string;
  partnerId: string;
  responderGln: string;
  otherSource: string;
  otherResponderGln: string;
  /** 'local' or the partner id whose record routing follows. */
  winner: string;
  pullId: string;
  detectedAt: Date;
}

/**
 * Conflicts still standing: both records of the pair valid now (a pair whose other side has
 * ended since its pull found it is not listed). Optionally of one partner, on either side.
 */
export async function listOpenConflicts(
  db: Kysely<Database>,
  filter: { partnerId?: string; limit: number; now: Date },
): Promise<DirectoryConflict[]> {
  let query = db
    .selectFrom('directory_conflicts as c')
    .innerJoin('directory_entries as mine', (j) =>
      j.onRef('mine.gtin', '=', 'c.gtin').onRef('mine.source', '=', 'c.source'),
    )
    .innerJoin('directory_entries as other', (j) =>
      j.onRef('other.gtin', '=', 'c.gtin').onRef('other.source', '=', 'c.other_source'),
    )
    .selectAll('c')
    .where(bothValid(filter.now));
  if (filter.partnerId !== undefined) {
    const id = filter.partnerId;
    query = query.where((eb) => eb.or([eb('c.source', '=', id), eb('c.other_source', '=', id)]));
  }
  const rows = await query
    .orderBy('c.gtin')
    .orderBy('c.source')
    .orderBy('c.other_source')
    .limit(filter.limit)
    .execute();
  return rows.map((r) => ({
    gtin: r.gtin,
    partnerId: r.source,
    responderGln: r.responder_gln,
    otherSource: r.other_source,
    otherResponderGln: r.other_responder_gln,
    winner: r.winner,
    pullId: r.pull_id,
    detectedAt: r.detected_at,
  }));
}

/** Open conflicts per partner (either side), for the partner list. */
export async function countOpenConflicts(db: Kysely<Database>, now: Date): Promise<Map<string, number>> {
  const { rows } = await sql<{ partner: string; n: number }>`
    select side.partner, count(distinct c.gtin)::int as n
    from directory_conflicts c
    join directory_entries mine on mine.gtin = c.gtin and mine.source = c.source
    join directory_entries other on other.gtin = c.gtin and other.source = c.other_source
    cross join lateral (values (c.source), (c.other_source)) as side (partner)
    where side.partner <> 'local'
      and ${bothValid(now)}
    group by side.partner`.execute(db);
  return new Map(rows.map((r) => [r.partner, r.n]));
}

/** Each partner's records valid now (index-only over (source, updated_at) would not see validity: one pass over its rows). */
export async function countPartnerRecords(db: Kysely<Database>, now: Date): Promise<Map<string, number>> {
  const { rows } = await sql<{ partner: string; n: number }>`
    select partner_id::text as partner, count(*)::int as n from directory_entries
    where partner_id is not null and valid_from <= ${now} and (valid_to is null or valid_to > ${now})
    group by partner_id`.execute(db);
  return new Map(rows.map((r) => [r.partner, r.n]));
}

/** Both records of a conflict pair (aliases `mine` and `other`) valid at `now`. */
const bothValid = (now: Date) => sql<boolean>`
  mine.valid_from <= ${now} and (mine.valid_to is null or mine.valid_to > ${now})
  and other.valid_from <= ${now} and (other.valid_to is null or other.valid_to > ${now})`;
