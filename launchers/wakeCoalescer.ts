type Wake = (key: string) => Promise<void>;

interface Lane {
  inFlight: Promise<void> | null;
  /** The wake-up sent once the one in flight settles, shared by everyone who asked meanwhile. */
  next: Promise<void> | null;
}

/**
 * Group commit for wake-ups: per key at most one is in flight, and everyone who asks meanwhile
 * shares the next one. A caller never settles on a wake-up sent before it asked: that one may
 * have been handled before the caller's rows were committed. At 100 uploads/s Temporal sees a
 * handful of signals instead of a hundred.
 */
export class WakeCoalescer {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly wake: Wake) {}

  request(key: string): Promise<void> {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { inFlight: null, next: null }));
    const { inFlight } = lane;
    if (inFlight === null) return this.start(key, lane);
    const current = lane;
    current.next ??= inFlight
      .catch(() => undefined)
      .then(() => {
        current.next = null;
        return this.start(key, current);
      });
    return current.next;
  }

  private start(key: string, lane: Lane): Promise<void> {
    const sending = this.wake(key).finally(() => {
      if (lane.inFlight === sending) lane.inFlight = null;
      if (lane.inFlight === null && lane.next === null) this.lanes.delete(key);
    });
    lane.inFlight = sending;
    return sending;
  }
}
