import { defineQuery, upsertSearchAttributes } from '@temporalio/workflow';
import { VrsProgress } from './searchAttributes.js';

/** What every sync workflow answers to the `progress` query (api.md "Sync status"). */
export interface SyncProgress {
  done: number;
  total: number;
  failed: number;
  ratePerSec: number;
  startedAt: string;
  etaSec: number | null;
}

export const progressQuery = defineQuery<SyncProgress>('progress');

/** Tracks counts inside a workflow; rate and ETA use workflow time, which is deterministic. */
export class ProgressTracker {
  private done = 0;
  private failed = 0;
  private total = 0;
  private shown: number | undefined;
  private readonly started: number;

  constructor(initial: { done?: number; failed?: number; total?: number; startedAt?: string } = {}) {
    this.done = initial.done ?? 0;
    this.failed = initial.failed ?? 0;
    this.total = initial.total ?? 0;
    this.started = initial.startedAt ? Date.parse(initial.startedAt) : Date.now();
  }

  setTotal(total: number): void {
    this.total = total;
  }

  add(done: number, failed = 0): void {
    this.done += done;
    this.failed += failed;
    // Percent in the Temporal UI list, upserted only when it moves: each upsert is a history
    // event and a visibility write, which a busy serialUpdates would otherwise pay per batch.
    const percent = this.percent();
    if (percent === this.shown) return;
    this.shown = percent;
    upsertSearchAttributes([{ key: VrsProgress, value: percent }]);
  }

  percent(): number {
    return this.total > 0 ? Math.min(100, Math.floor(((this.done + this.failed) / this.total) * 100)) : 0;
  }

  snapshot(): SyncProgress {
    const elapsedSec = Math.max((Date.now() - this.started) / 1000, 0.001);
    const ratePerSec = (this.done + this.failed) / elapsedSec;
    const remaining = Math.max(this.total - this.done - this.failed, 0);
    return {
      done: this.done,
      total: this.total,
      failed: this.failed,
      ratePerSec: Math.round(ratePerSec * 10) / 10,
      startedAt: new Date(this.started).toISOString(),
      etaSec: ratePerSec > 0 ? Math.round(remaining / ratePerSec) : null,
    };
  }
}
