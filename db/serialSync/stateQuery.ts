import pg from 'pg';
import { seqsIn, type SeqRange } from '../../domain/serials/seqRanges.js';
import { STATE_COLUMNS } from './columns.js';
import { selectionPredicate, type SerialSelection } from './ruleFilter.js';

export interface SerialKey {
  gtin: string;
  serial: string;
}

/** A keyset range of one producer's serials: after `after`, through `through` (absent: to the end). */
export interface PageSource {
  kind: 'page';
  companyId: string;
  after: SerialKey | null;
  /** Inclusive upper key: a load batch's end, found first by pageEndSql. */
  through?: SerialKey | undefined;
  gtinFrom?: string | undefined;
  gtinTo?: string | undefined;
}

/** Which serials to read: a keyset page (backfill) or every serial touched by some events (updates). */
export type StateSource = PageSource | { kind: 'events'; companyId: string; seqRanges: readonly SeqRange[] };

/** The most seqs one `events` statement covers: a large upload is applied in pieces, never one giant batch. */
export const MAX_SEQ_SPAN = 20_000;

const lit = (value: string) => pg.escapeLiteral(value);
const FIELDS =
  'lot, expiry, expiry_date, extended_expiry, extended_expiry_date, status, recalled, suspect, illegitimate, expiration_extended, reason_code';
const NEWEST = `company_id, gtin, serial, full_state, ${FIELDS}, event_time, event_id`;
// The order of the index and of domain compareEvents (time, then id in byte order), newest first.
const NEWEST_FIRST = 'event_time desc, event_id collate "C" desc';

const key = (k: SerialKey) => `(${lit(k.gtin)}, ${lit(k.serial)})`;
const ofCompany = (companyId: string) => `company_id = ${lit(companyId)}::uuid and affects_state`;

/** The keys after `after` (all of them without it): a scan with no upper end, which LIMIT ends. */
const openRange = (after: SerialKey | null) =>
  after ? `and gtin >= ${lit(after.gtin)} and (gtin, serial) > ${key(after)}` : '';

/**
 * The key range (after, through] as one or more pieces, each a condition a btree scan both starts
 * and stops at. Two traps: the planner sizes a row comparison by its first column alone (a batch
 * inside one GTIN of a 100M-event store looked like ten million rows and got a sequential scan),
 * and a row comparison ends an index scan only where its first column changes, so each batch read
 * on to the end of its GTIN (up to twenty times the batch's own entries in a GTIN of a million
 * serials). Inside one GTIN the range is therefore an equality and a serial range; across GTINs,
 * three pieces, each scanned on its own (as an OR they became a bitmap scan and a sort spilling to
 * disk, half again the cost of a batch inside one GTIN). Without an upper end the row comparison
 * stays: LIMIT ends that scan.
 */
function keyPieces({ after, through }: PageSource): string[] {
  if (!through) return [openRange(after)];
  // A part's first batch: the scan may read on to the end of that one GTIN.
  if (!after) return [`and gtin <= ${lit(through.gtin)} and (gtin, serial) <= ${key(through)}`];
  if (after.gtin === through.gtin)
    return [`and gtin = ${lit(after.gtin)} and serial > ${lit(after.serial)} and serial <= ${lit(through.serial)}`];
  return [
    `and gtin = ${lit(after.gtin)} and serial > ${lit(after.serial)}`,
    `and gtin > ${lit(after.gtin)} and gtin < ${lit(through.gtin)}`,
    `and gtin = ${lit(through.gtin)} and serial <= ${lit(through.serial)}`,
  ];
}

/** The source rows of one piece of a page's key range. */
function pageWhere(source: PageSource, piece: string): string {
  return [
    ofCompany(source.companyId),
    piece,
    source.gtinFrom !== undefined ? `and gtin >= ${lit(source.gtinFrom)}` : '',
    source.gtinTo !== undefined ? `and gtin < ${lit(source.gtinTo)}` : '',
  ].join(' ');
}

// The page's distinct serials in key order, from the state index alone (an index-only scan).
const pageKeys = (source: PageSource, limit: number) =>
  `select distinct gtin, serial from source_serial_events where ${pageWhere(source, openRange(source.after))} order by gtin, serial limit ${Math.trunc(limit)}`;

/** The `limit`-th serial of the page (`gtin, serial`); no row when fewer remain. */
export const pageEndSql = (source: PageSource, limit: number): string =>
  `select gtin, serial from (${pageKeys(source, limit)}) k offset ${Math.trunc(limit) - 1}`;

/** How many serials the page holds, up to `limit` (`n`): the last page's size. */
export const pageSizeSql = (source: PageSource, limit: number): string =>
  `select count(*)::int as n from (${pageKeys(source, limit)}) k`;

function newestEvents(source: StateSource): string {
  const company = ofCompany(source.companyId);
  if (source.kind === 'page') {
    // The pieces are disjoint and follow each other in key order: appended, they come in key
    // order without a sort (merged under one DISTINCT ON, the planner sorted them all again).
    return keyPieces(source)
      .map(
        (piece) => `(select distinct on (gtin, serial) ${NEWEST} from source_serial_events
      where ${pageWhere(source, piece)} order by gtin, serial, ${NEWEST_FIRST})`,
      )
      .join(' union all ');
  }
  // Every seq of the ranges (at most MAX_SEQ_SPAN) in one array: the planner sizes `seq = any`
  // by its elements. Ranges joined in from arrays were sized generically, 11 million events
  // each at 100M, and the first drain after a 100M backfill ran past 40 s; an OR of thousands
  // of ranges would be planned and evaluated clause by clause.
  const seqs = seqsIn(source.seqRanges).map(Math.trunc);
  return `select n.* from (select distinct e.gtin, e.serial from source_serial_events e
      where e.${company} and e.seq = any('{${seqs.join(',')}}'::bigint[])) k
    cross join lateral (select ${NEWEST} from source_serial_events e
      where e.${company} and e.gtin = k.gtin and e.serial = k.serial order by ${NEWEST_FIRST} limit 1) n`;
}

// Fields taken as they stand from a full-state newest event, else from the fold.
const FOLDED = [
  'lot',
  'expiry',
  'expiry_date',
  'status',
  'recalled',
  'suspect',
  'illegitimate',
  'expiration_extended',
  'reason_code',
  'event_time',
  'event_id',
];

/**
 * One row per serial, its state as domain foldEvents gives it, shaped as the staging table. The
 * common case, a newest event that states everything (a CSV/JSON row), is that row as it stands;
 * only a serial whose newest event is partial (EPCIS) folds its history with the serial_fold
 * aggregate (applyEvent in SQL, migration 0009), in a subquery evaluated for that row alone.
 */
export function serialStatesSql(source: StateSource, selection: SerialSelection): string {
  const types = new Map<string, string>(STATE_COLUMNS);
  const pick = (field: string) => `case when l.full_state then l.${field} else (l.f).${field} end`;
  const extended = (field: string) =>
    `case when l.full_state then (case when l.expiration_extended then l.${field} end) else (l.f).${field} end`;
  const value: Record<string, string> = {
    gtin: 'l.gtin',
    serial: 'l.serial',
    producer_company_id: 'l.company_id',
    ...Object.fromEntries(FOLDED.map((f) => [f, pick(f)])),
    extended_expiry: extended('extended_expiry'),
    extended_expiry_date: extended('extended_expiry_date'),
    folded_events: 'case when l.full_state then 0 else (l.f).events end',
  };
  const columns = STATE_COLUMNS.map(([name]) => `(${value[name]!})::${types.get(name)!} as ${name}`).join(',\n    ');
  return `select ${STATE_COLUMNS.map(([name]) => `s.${name}`).join(', ')}, case when s.known then ${selectionPredicate(selection, 's')} end as selected from (
  select ${columns},
    l.full_state or coalesce((l.f).known, false) as known
  from (
    select n.*, case when not n.full_state then (
        select serial_fold(e order by e.event_time, e.event_id collate "C") from source_serial_events e
        where e.company_id = n.company_id and e.gtin = n.gtin and e.serial = n.serial and e.affects_state) end as f
    from (${newestEvents(source)}) n
    offset 0 -- a fence: the fold runs once per row, not once per field that reads it
  ) l
) s`;
}
