import type { Metric, Registry } from 'prom-client';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

interface Sample {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

interface Series {
  labels: { method: string; route: string; status: number };
  /** Observations per bucket, not cumulative; the last counts those above every bound. */
  counts: number[];
  sum: number;
}

/**
 * The request histogram (`_count` is the request count per method, route and status), kept without
 * prom-client's per-observation work: its Histogram validates the labels and builds a hash string
 * of them on every observe, where here a request finds its series through two maps keyed by the
 * route pattern (a constant string) and the status. Registered in the API's registry like its
 * own metrics, and written out in prom-client's histogram format.
 */
export class RequestHistogram {
  readonly name = 'vrs_http_request_duration_seconds';
  readonly help = 'HTTP requests by method, route pattern and status, and how long they took';
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Map<number, Series>>();

  constructor(registry: Registry) {
    // registerMetric's type names prom-client's own classes; the registry asks only for these members.
    registry.registerMetric(this as unknown as Metric);
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = method === 'GET' ? route : `${method} ${route}`;
    let byStatus = this.series.get(key);
    if (!byStatus) this.series.set(key, (byStatus = new Map()));
    let series = byStatus.get(status);
    if (!series) {
      series = { labels: { method, route, status }, counts: new Array<number>(BUCKETS.length + 1).fill(0), sum: 0 };
      byStatus.set(status, series);
    }
    let bucket = 0;
    while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]!) bucket++;
    series.counts[bucket]!++;
    series.sum += seconds;
  }

  get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: Sample[] }> {
    const values: Sample[] = [];
    for (const byStatus of this.series.values())
      for (const { labels, counts, sum } of byStatus.values()) {
        let cumulative = 0;
        BUCKETS.forEach((le, i) => {
          cumulative += counts[i]!;
          values.push({ metricName: `${this.name}_bucket`, labels: { le, ...labels }, value: cumulative });
        });
        const count = cumulative + counts[BUCKETS.length]!;
        values.push(
          { metricName: `${this.name}_bucket`, labels: { le: '+Inf', ...labels }, value: count },
          { metricName: `${this.name}_sum`, labels, value: sum },
          { metricName: `${this.name}_count`, labels, value: count },
        );
      }
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values });
  }

  reset(): void {
    this.series.clear();
  }
}
