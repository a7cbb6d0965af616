import { describe, expect, test } from 'vitest';
import { serialState } from '../../test/helpers/serialEvent.js';
import { serialPresence, type PresenceInput } from './networkPresence.js';

const state = serialState({ eventTime: '2026-03-01T10:00:00.000Z', eventId: 'e-2' });
const base: PresenceInput = {
  state,
  rules: { enabled: true, include: [] },
  product: 'synced',
  network: { eventId: 'e-2', eventTime: state.eventTime },
};

describe('serialPresence', () => {
  test.each<[string, Partial<PresenceInput>, boolean, string[]]>([
    ['in the network, nothing in the way', {}, true, []],
    ['events without lot and expiry', { state: undefined, network: undefined }, false, ['stateIncomplete']],
    ['serial sync off', { rules: { enabled: false }, network: undefined }, false, ['serialSyncDisabled']],
    ['no include entry matches', { rules: { enabled: true, include: [{ lot: 'L2' }] } }, true, ['excludedByRule']],
    ['selected, not applied yet', { network: undefined }, false, ['notAppliedYet']],
    [
      'an older state applied',
      { network: { eventId: 'e-1', eventTime: state.eventTime } },
      true,
      ['olderStateInNetwork'],
    ],
    ['decommissioned', { state: { ...state, status: 'decommissioned' } }, true, ['notCommissioned']],
    [
      'suspect and recalled',
      { state: { ...state, flags: { ...state.flags, suspect: true, recalled: true } } },
      true,
      ['itemStatusBlocks'],
    ],
    ['product never uploaded', { product: 'absent' }, true, ['productNotSynced']],
    [
      'several at once',
      { product: 'withdrawn', rules: { enabled: false }, network: undefined },
      false,
      ['serialSyncDisabled', 'productNotSynced'],
    ],
  ])('%s', (_, over, inNetwork, codes) => {
    const presence = serialPresence({ ...base, ...over });
    expect(presence.inNetwork).toBe(inNetwork);
    expect(presence.reasons.map((r) => r.code)).toEqual(codes);
    for (const reason of presence.reasons) expect(reason.message.length).toBeGreaterThan(10);
  });
});
