import type { Context } from 'hono';
import { insertUploadErrors } from '../../db/repositories/uploadErrors.js';
import { createUpload, endUpload, startUpload, type UploadOwner } from '../../db/repositories/uploads.js';
import type { UploadKind } from '../../db/tables/sourceStores.js';
import type { ByteSource } from '../../ingest/source.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { Problem } from '../problem.js';
import { documentProblem } from './documentProblem.js';
import { keepAlive } from './keepAlive.js';
import { countingBytes, limitedBody } from './uploadBody.js';
import { spoolBody, type SpooledBody } from './spool.js';
import { UploadStopped, UploadTally } from './uploadTally.js';

export interface UploadJob<R> {
  owner: UploadOwner;
  kind: UploadKind;
  contentType: string;
  dryRun: boolean;
  /** Parses `source` and stores what it holds in one transaction, counting rows in `tally`. */
  store(source: ByteSource, tally: UploadTally): Promise<R>;
  /** After the store committed (wake a sync, count metrics); a failure here is not the upload's. */
  settle?(report: R): Promise<void>;
}

type Deps = Pick<ApiDeps, 'db' | 'config' | 'log' | 'uploads'>;

/** What a background upload answers at once. */
export interface UploadAccepted {
  uploadId: string;
  status: 'queued';
  href: string;
}

/**
 * Runs an upload now and answers its report (200), or, when its body is over
 * `UPLOAD_BACKGROUND_BYTES` (its Content-Length, or the bytes of a chunked body once spooled),
 * spools the body to a file, answers 202 with the upload id, and parses it in the background
 * with its progress on `GET /v1/uploads/{id}`. Either way the rows
 * are stored all or nothing, and every upload but a dry run is recorded, failed ones with why.
 */
export async function runUpload<R>(
  c: Context<AppEnv>,
  deps: Deps,
  job: UploadJob<R>,
): Promise<{ status: 200; report: R } | { status: 202; accepted: UploadAccepted }> {
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  const bytesTotal = Number.isSafeInteger(declared) ? declared : undefined;
  const body = limitedBody(c.req.raw.body, deps.config.UPLOAD_MAX_BYTES);
  const record = (status: 'queued' | 'running', bytes?: number) =>
    createUpload(deps.db, { ...job.owner, kind: job.kind, contentType: job.contentType, status, bytesTotal: bytes });

  const threshold = deps.config.UPLOAD_BACKGROUND_BYTES;

  // A large body, or one of unknown size (chunked), waits in a file until it has arrived whole.
  if (!job.dryRun && (bytesTotal === undefined || bytesTotal > threshold)) {
    const uploadId = await record('queued', bytesTotal);
    const stopBeating = keepAlive(deps, uploadId);
    let spooled: SpooledBody;
    try {
      spooled = await spoolBody(body);
    } catch (error) {
      stopBeating();
      // The body did not arrive whole (too large, the client went away): recorded as failed.
      await endUpload(deps.db, uploadId, {
        status: 'failed',
        counts: { rowsRead: 0, accepted: 0, rejected: 0, bytesRead: 0 },
        stopReason: error instanceof Problem && error.detail ? error.detail : 'the body did not arrive whole',
      });
      throw error;
    }
    const parse = async () => {
      try {
        await startUpload(deps.db, uploadId, spooled.bytes);
        return await tracked(deps, job, uploadId, spooled.read());
      } finally {
        stopBeating();
        await spooled.remove();
      }
    };
    // A chunked body that turned out small is answered with its report, as if its size had been given.
    if (spooled.bytes <= threshold) return settled(job, await parse());
    deps.uploads.add(
      (async () => {
        try {
          await job.settle?.(await parse());
        } catch (error) {
          // A problem with the document is the upload's own answer, recorded on it; anything else is a bug.
          if (!(error instanceof Problem && error.status < 500))
            deps.log.error({ err: error, uploadId }, 'background upload failed');
        }
      })(),
    );
    return { status: 202, accepted: { uploadId, status: 'queued', href: `/v1/uploads/${uploadId}` } };
  }

  const uploadId = job.dryRun ? undefined : await record('running', bytesTotal);
  const stopBeating = uploadId === undefined ? undefined : keepAlive(deps, uploadId);
  try {
    return settled(job, await tracked(deps, job, uploadId, body));
  } finally {
    stopBeating?.();
  }
}

async function settled<R>(job: UploadJob<R>, report: R): Promise<{ status: 200; report: R }> {
  await job.settle?.(report);
  return { status: 200, report };
}

/** The store with its progress counted; a failure is recorded on the upload and answered as a problem. */
async function tracked<R>(
  deps: Deps,
  job: UploadJob<R>,
  uploadId: string | undefined,
  body: AsyncIterable<Uint8Array>,
): Promise<R> {
  const counted = countingBytes(body);
  const tally = new UploadTally(
    uploadId === undefined ? undefined : { db: deps.db, uploadId, bytesRead: counted.bytes },
  );
  try {
    return await job.store(counted.chunks, tally);
  } catch (error) {
    const problem = problemOf(error, tally, uploadId);
    if (uploadId !== undefined) {
      try {
        await endUpload(deps.db, uploadId, {
          status: error instanceof UploadStopped ? 'stopped' : 'failed',
          counts: tally.counts(),
          stopReason: problem?.detail ?? 'an internal error; the server log has it',
        });
        await insertUploadErrors(deps.db, uploadId, tally.rejected);
      } catch (recordError) {
        deps.log.error({ err: recordError, uploadId }, 'could not record why an upload ended');
      }
    }
    throw problem ?? error;
  }
}

/** Rows listed with an early stop: enough to see the pattern. */
const STOP_ROWS_LISTED = 10;

function problemOf(error: unknown, tally: UploadTally, uploadId: string | undefined): Problem | undefined {
  if (error instanceof UploadStopped) {
    const errors = tally
      .reported()
      .slice(0, STOP_ROWS_LISTED)
      .flatMap((r) => r.errors.map((e) => ({ row: r.row, path: e.path, message: e.message })));
    return new Problem(422, 'Unprocessable Content', error.message, { errors, uploadId: uploadId ?? null });
  }
  if (error instanceof Problem) return error;
  return documentProblem(error);
}
