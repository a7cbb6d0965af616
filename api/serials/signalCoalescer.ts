import { coalesceRanges, type SeqRange } from '../../domain/serials/seqRanges.js';

type Send = (companyId: string, ranges: SeqRange[]) => Promise<void>;

interface Lane {
  inFlight: Promise<void> | null;
  queued: SeqRange[];
  /** Settles when the queued ranges have been sent. */
  next: Promise<void> | null;
}

/**
 * Group commit for signals: per company at most one signal is in flight; ranges that arrive
 * meanwhile ride together in the next one. Each caller still waits until its own range was
 * sent, so an upload never answers before its events are on their way to the workflow, while
 * at 100 uploads/s Temporal sees a handful of signals instead of a hundred.
 */
export class SignalCoalescer {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly send: Send) {}

  signal(companyId: string, ranges: readonly SeqRange[]): Promise<void> {
    let lane = this.lanes.get(companyId);
    if (!lane) this.lanes.set(companyId, (lane = { inFlight: null, queued: [], next: null }));
    if (lane.inFlight === null) return this.start(companyId, lane, coalesceRanges(ranges));
    lane.queued.push(...ranges);
    const current = lane;
    lane.next ??= lane.inFlight.catch(() => undefined).then(() => {
      const ranges = coalesceRanges(current.queued.splice(0));
      current.next = null;
      return this.start(companyId, current, ranges);
    });
    return lane.next;
  }

  private start(companyId: string, lane: Lane, ranges: SeqRange[]): Promise<void> {
    const sending = this.send(companyId, ranges).finally(() => {
      if (lane.inFlight === sending) lane.inFlight = null;
      if (lane.inFlight === null && lane.next === null && lane.queued.length === 0) this.lanes.delete(companyId);
    });
    lane.inFlight = sending;
    return sending;
  }
}
