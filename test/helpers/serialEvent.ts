import type { SerialEvent } from '../../domain/serials/event.js';
import type { SerialState } from '../../domain/serials/state.js';

/** A commissioned pack's state with nothing flagged; pure, for unit tests too. */
export const serialState = (over: Partial<SerialState> = {}): SerialState => ({
  gtin: '00305910369019',
  serial: 'S1',
  lot: 'L1',
  expiry: '270131',
  expiryDate: '2027-01-31',
  extendedExpiry: null,
  extendedExpiryDate: null,
  status: 'commissioned',
  flags: { recalled: false, suspect: false, illegitimate: false, expirationExtended: false },
  reasonCode: null,
  eventTime: '2025-01-01T00:00:00.000Z',
  eventId: 'e1',
  ...over,
});

/** A full-state event (a CSV/JSON row) that leaves serialState(), flags unstated. */
export const serialEvent = (over: Partial<SerialEvent> = {}): SerialEvent => ({
  ...serialState(),
  kind: 'object',
  affectsState: true,
  fullState: true,
  flags: {},
  ...over,
});
