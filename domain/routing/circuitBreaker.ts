/**
 * A per-partner circuit breaker as a pure state machine over instants the caller passes in.
 * Closed: calls go out and consecutive failures are counted; the Nth opens it. Open: calls are
 * answered at once (503) until the cool-down has passed; then one trial call goes out (half-open)
 * while the others keep being answered fast. The trial's success closes it, its failure opens it
 * again for another cool-down.
 */
export interface CircuitSettings {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  coolDownMs: number;
}

export type CircuitState =
  | { readonly state: 'closed'; readonly failures: number }
  | { readonly state: 'open'; readonly openedAt: number }
  | { readonly state: 'half-open'; readonly trialStartedAt: number };

export const CLOSED: CircuitState = Object.freeze({ state: 'closed', failures: 0 });

export type Admission =
  { admitted: true; next: CircuitState } | { admitted: false; next: CircuitState; retryAfterMs: number };

export function admit(current: CircuitState, now: number, settings: CircuitSettings): Admission {
  switch (current.state) {
    case 'closed':
      return { admitted: true, next: current };
    case 'open': {
      const waited = now - current.openedAt;
      if (waited >= settings.coolDownMs) return { admitted: true, next: { state: 'half-open', trialStartedAt: now } };
      return { admitted: false, next: current, retryAfterMs: settings.coolDownMs - waited };
    }
    case 'half-open': {
      // A trial whose outcome never came back (its caller went away) does not hold the circuit forever.
      const waited = now - current.trialStartedAt;
      if (waited >= settings.coolDownMs) return { admitted: true, next: { state: 'half-open', trialStartedAt: now } };
      return { admitted: false, next: current, retryAfterMs: settings.coolDownMs - waited };
    }
  }
}

export function recordSuccess(_current: CircuitState): CircuitState {
  return CLOSED;
}

export function recordFailure(current: CircuitState, now: number, settings: CircuitSettings): CircuitState {
  switch (current.state) {
    case 'closed': {
      const failures = current.failures + 1;
      return failures >= settings.failureThreshold ? { state: 'open', openedAt: now } : { state: 'closed', failures };
    }
    case 'half-open':
      return { state: 'open', openedAt: now };
    case 'open':
      // A call admitted before the circuit opened failing late does not extend the cool-down.
      return current;
  }
}
