import type { SerialFlags, SerialStatus } from './state.js';

/** EPCIS event kinds we keep; CSV and JSON rows are `object` events. */
export type SerialEventKind = 'object' | 'aggregation' | 'transaction';

/**
 * One fact about one pack (GTIN + serial) at one instant, from any upload format. An EPCIS
 * event listing several EPCs becomes several of these.
 *
 * A `fullState` event (a CSV or JSON row) states everything: null lot/expiry cannot occur,
 * an absent flag is false and a null reason code clears it. Otherwise (EPCIS) the event
 * states only what it says, and null or a missing flag means "unchanged": a recall
 * disposition says nothing about lot or expiry.
 */
export interface SerialEvent {
  /** Idempotency key: the same event uploaded twice has the same id. */
  eventId: string;
  kind: SerialEventKind;
  /** False for aggregation and transaction events: stored, but they never change verification state. */
  affectsState: boolean;
  fullState: boolean;
  gtin: string;
  serial: string;
  lot: string | null;
  /** YYMMDD as printed, and the resolved ISO date (day 00 = month end). */
  expiry: string | null;
  expiryDate: string | null;
  extendedExpiry: string | null;
  extendedExpiryDate: string | null;
  status: SerialStatus | null;
  flags: Partial<SerialFlags>;
  reasonCode: string | null;
  /** ISO 8601 instant in UTC (`...Z`), so events order by time across senders' offsets. */
  eventTime: string;
}
