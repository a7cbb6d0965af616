import { describe, expect, test } from 'vitest';
import { admit, CLOSED, recordFailure, recordSuccess, type CircuitState } from './circuitBreaker.js';

const settings = { failureThreshold: 3, coolDownMs: 10_000 };

type Step = ['admit', number, boolean, number?] | ['fail', number] | ['succeed'];

/** Runs the steps from CLOSED and returns the state after each: admit(now, admitted?, retryAfterMs?). */
function run(steps: Step[]): CircuitState['state'][] {
  let state: CircuitState = CLOSED;
  return steps.map((step) => {
    if (step[0] === 'admit') {
      const admission = admit(state, step[1], settings);
      expect(admission.admitted).toBe(step[2]);
      if (!admission.admitted && step[3] !== undefined) expect(admission.retryAfterMs).toBe(step[3]);
      state = admission.next;
    } else if (step[0] === 'fail') state = recordFailure(state, step[1], settings);
    else state = recordSuccess(state);
    return state.state;
  });
}

describe('circuit breaker', () => {
  test.each<[string, Step[], CircuitState['state'][]]>([
    ['closed admits', [['admit', 0, true]], ['closed']],
    [
      'fewer failures than the threshold keep it closed',
      [
        ['fail', 0],
        ['fail', 1],
        ['admit', 2, true],
      ],
      ['closed', 'closed', 'closed'],
    ],
    [
      'a success resets the count',
      [['fail', 0], ['fail', 1], ['succeed'], ['fail', 2], ['fail', 3]],
      ['closed', 'closed', 'closed', 'closed', 'closed'],
    ],
    [
      'the Nth consecutive failure opens it; it answers fast with the time left',
      [
        ['fail', 0],
        ['fail', 1],
        ['fail', 1_000],
        ['admit', 4_000, false, 7_000],
      ],
      ['closed', 'closed', 'open', 'open'],
    ],
    [
      'after the cool-down one trial goes out, others are refused',
      [
        ['fail', 0],
        ['fail', 0],
        ['fail', 0],
        ['admit', 10_000, true],
        ['admit', 10_001, false, 9_999],
      ],
      ['closed', 'closed', 'open', 'half-open', 'half-open'],
    ],
    [
      'a successful trial closes it',
      [['fail', 0], ['fail', 0], ['fail', 0], ['admit', 10_000, true], ['succeed'], ['admit', 10_002, true]],
      ['closed', 'closed', 'open', 'half-open', 'closed', 'closed'],
    ],
    [
      'a failed trial opens it for another cool-down',
      [
        ['fail', 0],
        ['fail', 0],
        ['fail', 0],
        ['admit', 10_000, true],
        ['fail', 10_500],
        ['admit', 20_000, false, 500],
        ['admit', 20_500, true],
      ],
      ['closed', 'closed', 'open', 'half-open', 'open', 'open', 'half-open'],
    ],
    [
      'a late failure while open does not extend the cool-down',
      [
        ['fail', 0],
        ['fail', 0],
        ['fail', 0],
        ['fail', 5_000],
        ['admit', 10_000, true],
      ],
      ['closed', 'closed', 'open', 'open', 'half-open'],
    ],
    [
      'a trial that never reports back is replaced after a cool-down',
      [
        ['fail', 0],
        ['fail', 0],
        ['fail', 0],
        ['admit', 10_000, true],
        ['admit', 20_000, true],
      ],
      ['closed', 'closed', 'open', 'half-open', 'half-open'],
    ],
  ])('%s', (_name, steps, states) => {
    expect(run(steps)).toEqual(states);
  });
});
