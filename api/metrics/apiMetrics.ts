import type pg from 'pg';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { VerificationData } from '../../domain/verification/index.js';
import { RequestHistogram } from './requestHistogram.js';

/** Where scrape-time figures come from; read only when /metrics is scraped. */
export interface MetricSources {
  pool: Pick<pg.Pool, 'totalCount' | 'idleCount' | 'waitingCount'>;
  poolMax: number;
  history: { readonly pending: number; readonly totals: { flushFailures: number; dropped: number } };
  /** Database figures (queue depth, sync runs); undefined when the database did not answer. */
  database: () => Promise<DatabaseFigures | undefined>;
}

export interface DatabaseFigures {
  queuedSerialEvents: number;
  producersWithQueuedEvents: number;
  syncRuns: { kind: string; status: string; count: number }[];
}

/** Verify answers: `verified`, a GS1 failure reason, or why there was no answer. */
export type VerifyOutcome = 'verified' | 'unknown_gtin' | 'blocked' | 'forbidden' | 'partner_error';

/**
 * The API process's Prometheus metrics, in a registry of its own (tests build several apps in one
 * process). Labels carry route patterns, statuses, outcomes and partner names only: never a
 * company, GTIN or serial, since the operator's monitoring is not a tenant's.
 */
export class ApiMetrics {
  readonly registry = new Registry();

  /** Its `_count` is the request count per route and status, so no separate counter is kept. */
  private readonly requestSeconds = new RequestHistogram(this.registry);

  readonly verifyAnswers = new Counter({
    name: 'vrs_verify_answers_total',
    help: 'Verifications (GET /verify, POST /v1/verifications, peers) by outcome: verified, the GS1 failure reason, or unknown_gtin, blocked, forbidden, partner_error',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly routedCalls = new Counter({
    name: 'vrs_routed_calls_total',
    help: 'Calls to partner VRS by partner name and outcome: ok, not_found, refused, bad_answer, server_error, timeout, unreachable, no_certificate, circuit_open',
    labelNames: ['partner', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly uploads = new Counter({
    name: 'vrs_uploads_total',
    help: 'Uploads answered with a row report, by kind (master_data, serials) and whether it was a dry run',
    labelNames: ['kind', 'dry_run'] as const,
    registers: [this.registry],
  });

  readonly uploadRows = new Counter({
    name: 'vrs_upload_rows_total',
    help: 'Rows of uploads by kind and result (accepted, rejected)',
    labelNames: ['kind', 'result'] as const,
    registers: [this.registry],
  });

  constructor(private readonly sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'vrs_' });
    new Gauge({
      name: 'vrs_history_buffer_rows',
      help: 'Verification history rows waiting to be written',
      registers,
      collect() {
        this.set(sources.history.pending);
      },
    });
    new Gauge({
      name: 'vrs_history_flush_failures',
      help: 'Failed history flushes since the process started (rows are kept and retried)',
      registers,
      collect() {
        this.set(sources.history.totals.flushFailures);
      },
    });
    new Gauge({
      name: 'vrs_history_dropped_rows',
      help: 'History rows dropped since start because the buffer was full while the database failed',
      registers,
      collect() {
        this.set(sources.history.totals.dropped);
      },
    });
    new Gauge({
      name: 'vrs_db_pool_connections',
      help: 'Database pool of this process: connections by state (in_use, idle), clients waiting for one, and the pool size',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const { totalCount, idleCount, waitingCount } = sources.pool;
        this.set({ state: 'in_use' }, totalCount - idleCount);
        this.set({ state: 'idle' }, idleCount);
        this.set({ state: 'waiting' }, waitingCount);
        this.set({ state: 'max' }, sources.poolMax);
      },
    });
  }

  private readonly databaseUp = new Gauge({
    name: 'vrs_metrics_database_up',
    help: '1 when the database answered the scrape-time queries (queue depth, sync runs)',
    registers: [this.registry],
  });
  private readonly queuedEvents = new Gauge({
    name: 'vrs_serial_update_queue_events',
    help: 'Uploaded serial events queued for the read tables (all producers)',
    registers: [this.registry],
  });
  private readonly queuedProducers = new Gauge({
    name: 'vrs_serial_update_queue_producers',
    help: 'Producers with queued serial events',
    registers: [this.registry],
  });
  private readonly syncRuns = new Gauge({
    name: 'vrs_sync_runs',
    help: 'Recorded workflow runs (all processes) by kind and status',
    labelNames: ['kind', 'status'] as const,
    registers: [this.registry],
  });

  /** One answered request; `started` is performance.now() when it arrived. */
  requestAnswered(method: string, route: string, status: number, started: number): void {
    this.requestSeconds.observe(method, route, status, (performance.now() - started) / 1000);
  }

  /** An answer: verified, or its GS1 failure reason (a closed list, so the label stays bounded). */
  verifyAnswered(data: VerificationData): void {
    this.verifyAnswers.inc({ outcome: data.verified ? 'verified' : data.verificationFailureReason });
  }

  verifyRefused(outcome: VerifyOutcome): void {
    this.verifyAnswers.inc({ outcome });
  }

  upload(kind: 'master_data' | 'serials', dryRun: boolean, report: { accepted: number; rejectedCount: number }): void {
    this.uploads.inc({ kind, dry_run: String(dryRun) });
    if (report.accepted > 0) this.uploadRows.inc({ kind, result: 'accepted' }, report.accepted);
    if (report.rejectedCount > 0) this.uploadRows.inc({ kind, result: 'rejected' }, report.rejectedCount);
  }

  /** The text a scrape answers, in the Prometheus exposition format. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    await this.readDatabase();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Database figures are read before the registry is written out, one round of queries per scrape. */
  private async readDatabase(): Promise<void> {
    const figures = await this.sources.database();
    this.databaseUp.set(figures ? 1 : 0);
    this.queuedEvents.reset();
    this.queuedProducers.reset();
    this.syncRuns.reset();
    if (!figures) return;
    this.queuedEvents.set(figures.queuedSerialEvents);
    this.queuedProducers.set(figures.producersWithQueuedEvents);
    for (const r of figures.syncRuns) this.syncRuns.set({ kind: r.kind, status: r.status }, r.count);
  }
}
