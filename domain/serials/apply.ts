import type { SerialEvent } from './event.js';
import type { SerialFlags, SerialState } from './state.js';

const NO_FLAGS: SerialFlags = { recalled: false, suspect: false, illegitimate: false, expirationExtended: false };

/**
 * Total order of events on one serial: event time, then event id. The id breaks ties so two
 * events stamped with the same instant resolve the same way on every replay and every worker.
 */
export function compareEvents(
  a: Pick<SerialEvent, 'eventTime' | 'eventId'>,
  b: Pick<SerialEvent, 'eventTime' | 'eventId'>,
): number {
  const dt = Date.parse(a.eventTime) - Date.parse(b.eventTime);
  if (dt !== 0) return dt;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/**
 * The state after `event`. Pure; the newest event wins, so an older or replayed event (same
 * time and id as the state) changes nothing, and neither does an event with `affectsState`
 * false. A partial event merges onto the state: a recall keeps lot and expiry.
 *
 * Limit: the state keeps one event time, not one per field, so a partial event can only be
 * merged onto what is known when it arrives. A partial event for an unknown serial changes
 * nothing (there is no lot or expiry to keep), and a full event older than a partial one
 * already applied is dropped. Applying in event order (`foldEvents`) has no such limit; a
 * consumer that sees an event older than the stored state can refold from its event store.
 */
export function applyEvent(state: SerialState | undefined, event: SerialEvent): SerialState | undefined {
  if (!event.affectsState) return state;
  if (state !== undefined) {
    if (state.gtin !== event.gtin || state.serial !== event.serial) {
      throw new RangeError(
        `event ${event.eventId} is for ${event.gtin}/${event.serial}, not ${state.gtin}/${state.serial}`,
      );
    }
    if (compareEvents(event, state) <= 0) return state;
  }
  const base = event.fullState ? undefined : state;
  const lot = event.lot ?? base?.lot;
  const expiry = event.expiry ?? base?.expiry;
  const expiryDate = event.expiryDate ?? base?.expiryDate;
  const status = event.status ?? base?.status;
  if (lot === undefined || expiry === undefined || expiryDate === undefined || status === undefined) return state;

  const flags = mergeFlags(base?.flags, event.flags);
  const keepExtended = flags.expirationExtended && event.extendedExpiry === null && base !== undefined;
  return {
    gtin: event.gtin,
    serial: event.serial,
    lot,
    expiry,
    expiryDate,
    extendedExpiry: !flags.expirationExtended ? null : keepExtended ? base.extendedExpiry : event.extendedExpiry,
    extendedExpiryDate: !flags.expirationExtended
      ? null
      : keepExtended
        ? base.extendedExpiryDate
        : event.extendedExpiryDate,
    status,
    flags,
    reasonCode: event.fullState ? event.reasonCode : (event.reasonCode ?? base?.reasonCode ?? null),
    eventTime: event.eventTime,
    eventId: event.eventId,
  };
}

/** Key by key, because a Partial may hold an explicit `undefined` that a spread would copy. */
function mergeFlags(current: SerialFlags | undefined, stated: Partial<SerialFlags>): SerialFlags {
  const merged = { ...NO_FLAGS };
  for (const key of Object.keys(NO_FLAGS) as (keyof SerialFlags)[]) {
    merged[key] = stated[key] ?? current?.[key] ?? false;
  }
  return merged;
}

/** The state after all `events` of one serial, in event order whatever order they came in. */
export function foldEvents(events: readonly SerialEvent[], initial?: SerialState): SerialState | undefined {
  return [...events].sort(compareEvents).reduce(applyEvent, initial);
}
