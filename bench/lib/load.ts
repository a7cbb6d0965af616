import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { percentile } from './percentile.js';
import type { LoadRun } from './runLoad.js';

/**
 * Runs in its own process (so the load generator does not share the event loop with the servers
 * under test): `tsx bench/lib/load.ts '<json options>'` prints autocannon's result as JSON. The
 * options are runLoad's, with its default headers filled in.
 */
const options = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadRun & { headers: Record<string, string> };
const warmup = options.warmupSeconds ?? 0;
// Latencies per second of the run, for a p99 per second: where in a run its slow requests fell.
const perSecond: number[][] = [];
let instance: autocannon.Instance | undefined;
const finished = new Promise<autocannon.Result>((resolve, reject) => {
  instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      duration: options.seconds + warmup,
      headers: options.headers,
      requests: options.paths.map((path) => ({ method: 'GET', path })),
      // autocannon holds a rate by pausing each connection once it has sent its share of a second;
      // the latencies it would add for the pause are not the server's.
      ...(options.rate && { overallRate: options.rate, ignoreCoordinatedOmission: true }),
      // A client certificate, for a peer listener (mutual TLS).
      ...(options.tlsOptions && { tlsOptions: options.tlsOptions }),
    },
    (error, result) => (error ? reject(error) : resolve(result)),
  ) as unknown as autocannon.Instance;
});
// autocannon builds every connection's requests before its clock starts (seconds for thousands of
// paths): the run's seconds count from here, as its duration does.
const started = performance.now();
instance!.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
  const second = Math.floor((performance.now() - started) / 1000);
  (perSecond[second] ??= []).push(responseTime);
});
const result = await finished;
// Every latency as measured (fractions of a ms): autocannon's histogram keeps whole ms only, too
// coarse for an overhead of a fraction of a millisecond. req/s, p50 and p99 all cover the measured
// seconds only: not the warm-up, nor answers to requests still in flight when the clock stopped.
const measured = perSecond.slice(warmup, warmup + options.seconds);
const latencies = measured.flat();
// A second without answers (the server stalled throughout) reads 0.
const p99 = (values: number[] = []) => (values.length ? Math.round(percentile(values, 99)) : 0);
console.log(
  JSON.stringify({
    rps: latencies.length / options.seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: result.errors,
    non2xx: result.non2xx,
    total: result.requests.total,
    p99PerSecond: Array.from({ length: options.seconds }, (_, i) => p99(measured[i])),
  }),
);
