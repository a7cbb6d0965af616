import type { SerialEvent } from '../../domain/serials/event.js';

/** A full-state event (a CSV/JSON row) with everything defaulted; pure, for unit tests too. */
export const serialEvent = (over: Partial<SerialEvent> = {}): SerialEvent => ({
  eventId: 'e1',
  kind: 'object',
  affectsState: true,
  fullState: true,
  gtin: '00305910369019',
  serial: 'S1',
  lot: 'L1',
  expiry: '270131',
  expiryDate: '2027-01-31',
  extendedExpiry: null,
  extendedExpiryDate: null,
  status: 'commissioned',
  flags: {},
  reasonCode: null,
  eventTime: '2025-01-01T00:00:00.000Z',
  ...over,
});
