import type { Client } from '@temporalio/client';

export interface TemporalState {
  status: 'unknown' | 'ok' | 'unreachable';
  /** When the state was last checked (ISO 8601); absent before the first check ends. */
  checkedAt?: string;
  error?: string;
}

/**
 * Temporal's last-known state for the operator, never awaited by a request: reading it starts a
 * check in the background when the state is older than `staleMs`, and a check gives up after
 * `timeoutMs`. Verification does not need Temporal, so readiness does not depend on it.
 */
export class TemporalHealth {
  private state: TemporalState = { status: 'unknown' };
  private checking: Promise<void> | undefined;
  private checkedAt = 0;

  constructor(
    private readonly client: Client,
    private readonly options: { staleMs: number; timeoutMs: number } = { staleMs: 10_000, timeoutMs: 2_000 },
  ) {}

  current(): TemporalState {
    if (!this.checking && Date.now() - this.checkedAt >= this.options.staleMs) this.checking = this.check();
    return this.state;
  }

  /** Resolves when the check under way (if any) has ended; tests use it. */
  async settled(): Promise<TemporalState> {
    await this.checking;
    return this.state;
  }

  private async check(): Promise<void> {
    try {
      await this.client.withDeadline(Date.now() + this.options.timeoutMs, () =>
        this.client.workflowService.getSystemInfo({}),
      );
      this.state = { status: 'ok', checkedAt: new Date().toISOString() };
    } catch (error) {
      this.state = {
        status: 'unreachable',
        checkedAt: new Date().toISOString(),
        error: error instanceof Error ? error.message : String(error),
      };
    } finally {
      this.checkedAt = Date.now();
      this.checking = undefined;
    }
  }
}
