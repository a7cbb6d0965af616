import { Histogram, Registry } from 'prom-client';
import { describe, expect, test } from 'vitest';
import { RequestHistogram } from '../api/metrics/requestHistogram.js';

const VERIFY = '/verify/gtin/:gtin{[^/]*}/lot/:lot{[^/]*}/ser/:ser{[^/]*}';

describe('the request histogram', () => {
  test("writes what prom-client's Histogram writes for the same observations", async () => {
    const [theirs, ours] = [new Registry(), new Registry()];
    const reference = new Histogram({
      name: 'vrs_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status, and how long they took',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [theirs],
    });
    const histogram = new RequestHistogram(ours);
    const observations: [string, string, number, number][] = [
      ['GET', VERIFY, 200, 0.0004],
      ['GET', VERIFY, 200, 0.001], // on a bound: counted in that bucket
      ['GET', VERIFY, 200, 0.0025],
      ['GET', VERIFY, 404, 0.02],
      ['POST', '/v1/verifications', 400, 31], // above every bound
      ['GET', '*', 503, 0.3],
    ];
    for (const [method, route, status, seconds] of observations) {
      reference.observe({ method, route, status }, seconds);
      histogram.observe(method, route, status, seconds);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
    histogram.reset();
    reference.reset();
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });
});
