import pg from 'pg';
import { STATE_COLUMNS } from './columns.js';
import { selectionPredicate, type SerialSelection } from './ruleFilter.js';

export interface SerialKey {
  gtin: string;
  serial: string;
}

/** A keyset page of one producer's serials: up to `limit` serials after `after` (and before `before`). */
export interface PageSource {
  kind: 'page';
  companyId: string;
  after: SerialKey | null;
  /** Exclusive upper key: where the read table's rows begin (see directBatch). */
  before?: SerialKey | undefined;
  gtinFrom?: string | undefined;
  gtinTo?: string | undefined;
  limit: number;
}

/** Which serials to read: a keyset page (backfill) or every serial touched by some events (updates). */
export type StateSource = PageSource | { kind: 'events'; companyId: string; seqRanges: readonly { from: number; to: number }[] };

const lit = (value: string) => pg.escapeLiteral(value);
const FIELDS = 'lot, expiry, expiry_date, extended_expiry, extended_expiry_date, status, recalled, suspect, illegitimate, expiration_extended, reason_code';
const NEWEST = `company_id, gtin, serial, full_state, ${FIELDS}, event_time, event_id`;
// The order of the index and of domain compareEvents (time, then id in byte order), newest first.
const NEWEST_FIRST = 'event_time desc, event_id collate "C" desc';

const key = (k: SerialKey) => `(${lit(k.gtin)}, ${lit(k.serial)})`;
const ofCompany = (companyId: string) => `company_id = ${lit(companyId)}::uuid and affects_state`;

/** The source rows of a page's key range, before its limit. */
function pageWhere(source: PageSource): string {
  return [
    ofCompany(source.companyId),
    source.after ? `and (gtin, serial) > ${key(source.after)}` : '',
    source.before ? `and (gtin, serial) < ${key(source.before)}` : '',
    source.gtinFrom !== undefined ? `and gtin >= ${lit(source.gtinFrom)}` : '',
    source.gtinTo !== undefined ? `and gtin < ${lit(source.gtinTo)}` : '',
  ].join(' ');
}

/**
 * The page's last serial and how many serials it holds (`gtin, serial, n`; no row for an empty
 * page), read from the state index alone.
 */
export function batchEndSql(source: PageSource): string {
  return `select gtin, serial, count(*) over ()::int as n from (
    select distinct gtin, serial from source_serial_events where ${pageWhere(source)} order by gtin, serial limit ${Math.trunc(source.limit)}
  ) k order by gtin desc, serial desc limit 1`;
}

function newestEvents(source: StateSource): string {
  const company = ofCompany(source.companyId);
  if (source.kind === 'page') {
    return `select distinct on (gtin, serial) ${NEWEST} from source_serial_events
      where ${pageWhere(source)} order by gtin, serial, ${NEWEST_FIRST} limit ${Math.trunc(source.limit)}`;
  }
  const seq = source.seqRanges.map((r) => `seq between ${Math.trunc(r.from)} and ${Math.trunc(r.to)}`).join(' or ');
  return `select n.* from (select distinct gtin, serial from source_serial_events where ${company} and (${seq || 'false'})) k
    cross join lateral (select ${NEWEST} from source_serial_events e
      where e.${company} and e.gtin = k.gtin and e.serial = k.serial order by ${NEWEST_FIRST} limit 1) n`;
}

// Fields taken as they stand from a full-state newest event, else from the fold.
const FOLDED = ['lot', 'expiry', 'expiry_date', 'status', 'recalled', 'suspect', 'illegitimate', 'expiration_extended', 'reason_code', 'event_time', 'event_id'];

/**
 * One row per serial, its state as domain foldEvents gives it, shaped as the staging table. The
 * common case, a newest event that states everything (a CSV/JSON row), is that row as it stands;
 * only a serial whose newest event is partial (EPCIS) folds its history with the serial_fold
 * aggregate (applyEvent in SQL, migration 0009), in a subquery evaluated for that row alone.
 */
export function serialStatesSql(source: StateSource, selection: SerialSelection): string {
  const types = new Map<string, string>(STATE_COLUMNS);
  const pick = (field: string) => `case when l.full_state then l.${field} else (l.f).${field} end`;
  const extended = (field: string) => `case when l.full_state then (case when l.expiration_extended then l.${field} end) else (l.f).${field} end`;
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
