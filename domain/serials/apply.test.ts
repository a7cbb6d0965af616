import { describe, expect, it } from 'vitest';
import { applyEvent, foldEvents } from './apply.js';
import { serialEvent } from '../../test/helpers/serialEvent.js';
import type { SerialEvent } from './event.js';

const full = serialEvent;
const partial = (over: Partial<SerialEvent>): SerialEvent =>
  full({ fullState: false, lot: null, expiry: null, expiryDate: null, status: null, ...over });

describe('applyEvent', () => {
  it('creates the state from a full event, absent flags false', () => {
    expect(applyEvent(undefined, full())).toMatchObject({
      lot: 'L1',
      expiry: '270131',
      status: 'commissioned',
      eventId: 'e1',
      flags: { recalled: false, suspect: false, illegitimate: false, expirationExtended: false },
    });
  });

  it('newer wins, older is ignored', () => {
    const s1 = applyEvent(undefined, full({ eventTime: '2025-02-01T00:00:00Z' }));
    const older = full({ eventId: 'e0', status: 'destroyed', eventTime: '2025-01-01T00:00:00Z' });
    expect(applyEvent(s1, older)).toBe(s1);
    const newer = full({ eventId: 'e2', status: 'decommissioned', eventTime: '2025-03-01T00:00:00Z' });
    expect(applyEvent(s1, newer)?.status).toBe('decommissioned');
  });

  it('orders by instant, not by the text of the offset', () => {
    const s1 = applyEvent(undefined, full({ eventTime: '2025-01-01T10:00:00.000Z' }));
    // 09:30 at -01:00 is 10:30Z: newer although it sorts lower as text.
    expect(
      applyEvent(s1, full({ eventId: 'e2', status: 'destroyed', eventTime: '2025-01-01T09:30:00-01:00' }))?.status,
    ).toBe('destroyed');
  });

  it('breaks a tie of event time by event id', () => {
    const a = full({ eventId: 'a', status: 'destroyed' });
    const b = full({ eventId: 'b', status: 'decommissioned' });
    expect(applyEvent(applyEvent(undefined, a), b)?.status).toBe('decommissioned');
    expect(applyEvent(applyEvent(undefined, b), a)?.status).toBe('decommissioned');
  });

  it('a replay changes nothing', () => {
    const s1 = applyEvent(undefined, full());
    expect(applyEvent(s1, full({ status: 'destroyed' }))).toBe(s1);
  });

  it('a recall keeps lot, expiry, status and other flags', () => {
    const s1 = applyEvent(undefined, full({ flags: { suspect: true } }));
    const s2 = applyEvent(
      s1,
      partial({ eventId: 'r', eventTime: '2025-02-01T00:00:00Z', flags: { recalled: true, illegitimate: undefined } }),
    );
    expect(s2).toMatchObject({
      lot: 'L1',
      expiry: '270131',
      status: 'commissioned',
      flags: { recalled: true, suspect: true, illegitimate: false },
      eventId: 'r',
    });
  });

  it('a full event clears what it does not state', () => {
    const s1 = applyEvent(undefined, full({ flags: { recalled: true }, reasonCode: 'X' }));
    const s2 = applyEvent(s1, full({ eventId: 'e2', eventTime: '2025-02-01T00:00:00Z' }));
    expect(s2).toMatchObject({ flags: { recalled: false }, reasonCode: null });
  });

  it('keeps an extended expiry only while the flag is set', () => {
    const s1 = applyEvent(
      undefined,
      full({ flags: { expirationExtended: true }, extendedExpiry: '280131', extendedExpiryDate: '2028-01-31' }),
    );
    const s2 = applyEvent(s1, partial({ eventId: 'r', eventTime: '2025-02-01T00:00:00Z', flags: { recalled: true } }));
    expect(s2).toMatchObject({ extendedExpiry: '280131', extendedExpiryDate: '2028-01-31' });
    const s3 = applyEvent(
      s2,
      partial({ eventId: 's', eventTime: '2025-03-01T00:00:00Z', flags: { expirationExtended: false } }),
    );
    expect(s3).toMatchObject({ extendedExpiry: null, extendedExpiryDate: null });
  });

  it('a partial event for an unknown serial changes nothing', () => {
    expect(applyEvent(undefined, partial({ flags: { recalled: true } }))).toBeUndefined();
  });

  it('ignores aggregation and transaction events', () => {
    const s1 = applyEvent(undefined, full());
    const agg = full({
      eventId: 'x',
      kind: 'aggregation',
      affectsState: false,
      status: 'destroyed',
      eventTime: '2026-01-01T00:00:00Z',
    });
    expect(applyEvent(s1, agg)).toBe(s1);
    expect(applyEvent(undefined, agg)).toBeUndefined();
  });

  it('refuses an event of another serial', () => {
    expect(() => applyEvent(applyEvent(undefined, full()), full({ serial: 'S2', eventId: 'z' }))).toThrow(RangeError);
  });

  it('foldEvents merges a recall that arrived before the commissioning', () => {
    const recall = partial({ eventId: 'r', eventTime: '2025-02-01T00:00:00Z', flags: { recalled: true } });
    expect(foldEvents([recall, full()])).toMatchObject({ lot: 'L1', flags: { recalled: true } });
  });
});
