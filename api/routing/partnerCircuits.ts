import {
  admit,
  CLOSED,
  recordFailure,
  recordSuccess,
  type CircuitSettings,
  type CircuitState,
} from '../../domain/routing/circuitBreaker.js';

export type CircuitAdmission = { admitted: true } | { admitted: false; retryAfterSec: number };

/** One circuit breaker per partner in this API process (domain/routing/circuitBreaker.ts decides). */
export class PartnerCircuits {
  private readonly circuits = new Map<string, CircuitState>();

  constructor(
    private readonly settings: CircuitSettings,
    private readonly now: () => number = Date.now,
  ) {}

  admit(partnerId: string): CircuitAdmission {
    const admission = admit(this.stateOf(partnerId), this.now(), this.settings);
    this.circuits.set(partnerId, admission.next);
    return admission.admitted
      ? { admitted: true }
      : { admitted: false, retryAfterSec: Math.max(1, Math.ceil(admission.retryAfterMs / 1000)) };
  }

  succeeded(partnerId: string): void {
    this.circuits.set(partnerId, recordSuccess(this.stateOf(partnerId)));
  }

  failed(partnerId: string): void {
    this.circuits.set(partnerId, recordFailure(this.stateOf(partnerId), this.now(), this.settings));
  }

  /** For operators: closed, open or half-open. */
  stateOf(partnerId: string): CircuitState {
    return this.circuits.get(partnerId) ?? CLOSED;
  }
}
