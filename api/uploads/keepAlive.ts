import { beatUpload } from '../../db/repositories/uploadHeartbeat.js';
import type { ApiDeps } from '../deps.js';

/**
 * Beats the upload's heartbeat while this process reads it, four times per `UPLOAD_STALE_MS`,
 * so a slow client or a long commit is never taken for a dead process. Returns the stop.
 */
export function keepAlive(deps: Pick<ApiDeps, 'db' | 'config' | 'log'>, uploadId: string): () => void {
  const timer = setInterval(() => {
    // Not awaited, on its own connection: a missed beat is made up by the next one.
    beatUpload(deps.db, uploadId).catch((error: unknown) =>
      deps.log.warn({ err: error, uploadId }, 'upload heartbeat not written'),
    );
  }, deps.config.UPLOAD_STALE_MS / 4);
  timer.unref();
  return () => clearInterval(timer);
}
