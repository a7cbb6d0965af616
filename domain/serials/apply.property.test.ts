import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEvent, foldEvents } from './apply.js';
import type { SerialEvent } from './event.js';
import { SERIAL_STATUSES, type SerialState } from './state.js';

// Few distinct instants so that ties (broken by event id) are common.
const instant = fc.integer({ min: 0, max: 5 }).map((h) => new Date(Date.UTC(2025, 0, 1, h)).toISOString());
const flags = fc.record(
  { recalled: fc.boolean(), suspect: fc.boolean(), illegitimate: fc.boolean(), expirationExtended: fc.boolean() },
  { requiredKeys: [] },
);

const eventFields = (fullState: boolean) =>
  fc.record({
    eventTime: instant,
    fullState: fc.constant(fullState),
    affectsState: fc.boolean(),
    status: fullState ? fc.constantFrom(...SERIAL_STATUSES) : fc.option(fc.constantFrom(...SERIAL_STATUSES)),
    lot: fullState ? fc.constantFrom('L1', 'L2') : fc.option(fc.constantFrom('L1', 'L2')),
    flags,
    reasonCode: fc.option(fc.constantFrom('R1', 'R2')),
  });

/** Distinct events get distinct ids: one id with two contents is a conflict no order can settle. */
const toEvents = (
  fields: {
    eventTime: string;
    fullState: boolean;
    affectsState: boolean;
    status: SerialState['status'] | null;
    lot: string | null;
    flags: Partial<SerialState['flags']>;
    reasonCode: string | null;
  }[],
): SerialEvent[] =>
  fields.map((f, i) => ({
    ...f,
    eventId: `e${i}`,
    kind: f.affectsState ? 'object' : 'aggregation',
    gtin: '00305910369019',
    serial: 'S1',
    expiry: f.lot === null ? null : '270131',
    expiryDate: f.lot === null ? null : '2027-01-31',
    extendedExpiry: f.flags.expirationExtended ? '280131' : null,
    extendedExpiryDate: f.flags.expirationExtended ? '2028-01-31' : null,
  }));

const applyAll = (events: readonly SerialEvent[]) => events.reduce(applyEvent, undefined as SerialState | undefined);

/** A set of events, some repeated, and a shuffle of it. */
const shuffled = (fields: fc.Arbitrary<Parameters<typeof toEvents>[0][number]>) =>
  fc
    .array(fields, { minLength: 1, maxLength: 8 })
    .map(toEvents)
    .chain((events) =>
      fc.tuple(
        fc.constant(events),
        fc.shuffledSubarray([...events, ...events], { minLength: 2 * events.length, maxLength: 2 * events.length }),
      ),
    );

describe('applyEvent properties', () => {
  it('full-state events: any order, with duplicates, gives the same state', () => {
    fc.assert(
      fc.property(shuffled(eventFields(true)), ([events, permutation]) => {
        expect(applyAll(permutation)).toEqual(foldEvents(events));
      }),
    );
  });

  it('mixed full and partial events: foldEvents is order-independent', () => {
    const mixed = fc.oneof(eventFields(true), eventFields(false));
    fc.assert(
      fc.property(shuffled(mixed), ([events, permutation]) => {
        expect(foldEvents(permutation)).toEqual(foldEvents(events));
      }),
    );
  });

  const mixedEvents = fc
    .array(fc.oneof(eventFields(true), eventFields(false)), { minLength: 1, maxLength: 8 })
    .map(toEvents);

  it('applying an event twice in a row is applying it once, from any state', () => {
    fc.assert(
      fc.property(mixedEvents, fc.nat(), fc.nat(), (events, cut, pick) => {
        const state = applyAll(events.slice(0, cut % events.length));
        const event = events[pick % events.length] as SerialEvent;
        const once = applyEvent(state, event);
        expect(applyEvent(once, event)).toEqual(once);
      }),
    );
  });

  it('after folding a history, re-applying any of its events changes nothing', () => {
    fc.assert(
      fc.property(mixedEvents, fc.nat(), (events, pick) => {
        const state = foldEvents(events);
        expect(applyEvent(state, events[pick % events.length] as SerialEvent)).toEqual(state);
      }),
    );
  });
});
