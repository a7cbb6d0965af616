import pg from 'pg';
import { STATE_COLUMNS } from './columns.js';
import { selectionPredicate, type SerialSelection } from './ruleFilter.js';

export interface SerialKey {
  gtin: string;
  serial: string;
}

/** Which serials to read: a keyset page (backfill) or every serial touched by some events (updates). */
export type StateSource =
  | { kind: 'page'; companyId: string; after: SerialKey | null; gtinFrom?: string | undefined; gtinTo?: string | undefined; limit: number }
  | { kind: 'events'; companyId: string; seqRanges: readonly { from: number; to: number }[] };

const lit = (value: string) => pg.escapeLiteral(value);
const FIELDS = 'lot, expiry, expiry_date, extended_expiry, extended_expiry_date, status, recalled, suspect, illegitimate, expiration_extended, reason_code';
const NEWEST = `company_id, gtin, serial, full_state, ${FIELDS}, event_time, event_id`;
// The order of the index and of domain compareEvents (time, then id in byte order), newest first.
const NEWEST_FIRST = 'event_time desc, event_id collate "C" desc';

function newestEvents(source: StateSource): string {
  const company = `company_id = ${lit(source.companyId)}::uuid and affects_state`;
  if (source.kind === 'page') {
    const bounds = [
      source.after ? `and (gtin, serial) > (${lit(source.after.gtin)}, ${lit(source.after.serial)})` : '',
      source.gtinFrom !== undefined ? `and gtin >= ${lit(source.gtinFrom)}` : '',
      source.gtinTo !== undefined ? `and gtin < ${lit(source.gtinTo)}` : '',
    ].join(' ');
    return `select distinct on (gtin, serial) ${NEWEST} from source_serial_events
      where ${company} ${bounds} order by gtin, serial, ${NEWEST_FIRST} limit ${Math.trunc(source.limit)}`;
  }
  const seq = source.seqRanges.map((r) => `seq between ${Math.trunc(r.from)} and ${Math.trunc(r.to)}`).join(' or ');
  return `select n.* from (select distinct gtin, serial from source_serial_events where ${company} and (${seq || 'false'})) k
    cross join lateral (select ${NEWEST} from source_serial_events e
      where e.${company} and e.gtin = k.gtin and e.serial = k.serial order by ${NEWEST_FIRST} limit 1) n`;
}

/**
 * One row per serial, its state as domain foldEvents gives it, in (gtin, serial) order and
 * shaped as the staging table. The common case, a newest event that states everything (a
 * CSV/JSON row), is that row as it stands; only a serial whose newest event is partial (EPCIS)
 * folds its history with the serial_fold aggregate (applyEvent in SQL, migration 0009).
 */
export function serialStatesSql(source: StateSource, selection: SerialSelection): string {
  const casts = STATE_COLUMNS.map(([name, type]) => `s.${name}::${type}`).join(', ');
  const pick = (field: string) => `case when l.full_state then l.${field} else (f.state).${field} end as ${field}`;
  return `select ${casts},
    case when s.known then ${selectionPredicate(selection, 's')} end as selected
  from (
    select l.gtin, l.serial, l.company_id as producer_company_id,
      ${['lot', 'expiry', 'expiry_date', 'status', 'recalled', 'suspect', 'illegitimate', 'expiration_extended', 'reason_code'].map(pick).join(', ')},
      case when l.full_state and l.expiration_extended then l.extended_expiry when not l.full_state then (f.state).extended_expiry end as extended_expiry,
      case when l.full_state and l.expiration_extended then l.extended_expiry_date when not l.full_state then (f.state).extended_expiry_date end as extended_expiry_date,
      case when l.full_state then l.event_time else (f.state).event_time end as event_time,
      case when l.full_state then l.event_id else (f.state).event_id end as event_id,
      case when l.full_state then 0 else (f.state).events end as folded_events,
      l.full_state or coalesce((f.state).known, false) as known
    from (${newestEvents(source)}) l
    left join lateral (
      select serial_fold(e order by e.event_time, e.event_id collate "C") as state
      from source_serial_events e
      where not l.full_state and e.company_id = l.company_id and e.gtin = l.gtin and e.serial = l.serial and e.affects_state
    ) f on true
  ) s
  order by s.gtin, s.serial`;
}
