import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { queuedSerialEvents } from '../../db/serialSync/updateQueue.js';

const HEADER =
  'eventId,gtin,serial,lot,expiry,status,recalled,suspect,illegitimate,expirationExtended,extendedExpiry,reasonCode,eventTime';

/** How uploads reach the API: the app in this process (`app.request`) or a process over HTTP (`fetch`). */
export type ApiRequest = (path: string, init: RequestInit) => Response | Promise<Response>;

/**
 * Uploads new serial events at `rate` events/s through the real API (`POST /v1/serials`, CSV),
 * `perUpload` events to a request, and watches network_serials, the table verify answers from
 * with one primary-key read, for each to appear. Returns each event's upload-start ->
 * verifiable time in ms.
 */
export async function eventToVerifiableMs(options: {
  request: ApiRequest;
  db: Kysely<Database>;
  token: string;
  gtin: string;
  rate: number;
  perUpload: number;
  seconds: number;
  tag: string;
  /**
   * Collects each upload's round trip in ms (request start -> answer), to tell API queueing from
   * sync lag, and when it started (ms into the run), to tell one stall from a steady slowness.
   */
  uploadTimes?: { at: number; ms: number }[];
  /** Collects the queued (not yet drained) event count, sampled every QUEUE_SAMPLE_MS. */
  queuedEvents?: number[];
}): Promise<number[]> {
  const { request, db, token, gtin, rate, perUpload, seconds, tag, uploadTimes, queuedEvents } = options;
  const pending = new Map<string, number>();
  const latencies: number[] = [];
  const uploads: Promise<unknown>[] = [];
  const started = performance.now();
  let sent = 0;
  let watching = true;

  const watcher = (async () => {
    while (watching || pending.size > 0) {
      if (pending.size > 0) {
        const { rows } = await sql<{
          serial: string;
        }>`select serial from network_serials where gtin = ${gtin} and serial = any(${[...pending.keys()]}::text[])`.execute(
          db,
        );
        const now = performance.now();
        for (const { serial } of rows) {
          latencies.push(now - pending.get(serial)!);
          pending.delete(serial);
        }
      }
      if (performance.now() - started > (seconds + 30) * 1000)
        throw new Error(`${pending.size} events never became verifiable`);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  // Rejections surface at the awaits below; until then they must not count as unhandled.
  watcher.catch(() => undefined);
  const sampler = queuedEvents && sampleQueue(db, queuedEvents, () => watching);

  while (performance.now() - started < seconds * 1000) {
    // Catch up on the schedule rather than drift: event n leaves at n / rate seconds.
    while (sent < ((performance.now() - started) / 1000) * rate) {
      const serials = Array.from({ length: perUpload }, () => `${tag}${String(sent++).padStart(7, '0')}`);
      const now = new Date().toISOString();
      const body = [
        HEADER,
        ...serials.map((serial) => `,${gtin},${serial},LAT1,281231,commissioned,false,false,false,false,,,${now}`),
      ].join('\r\n');
      const sentAt = performance.now();
      for (const serial of serials) pending.set(serial, sentAt);
      const upload = Promise.resolve(
        request('/v1/serials', {
          method: 'POST',
          // As every HTTP client sends it; without it the API spools the body to a file first.
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'text/csv',
            'content-length': String(Buffer.byteLength(body)),
          },
          body,
        }),
      ).then((res) => {
        if (res.status !== 200) throw new Error(`upload answered ${res.status}`);
        uploadTimes?.push({ at: sentAt - started, ms: performance.now() - sentAt });
      });
      upload.catch(() => undefined);
      uploads.push(upload);
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(uploads);
  watching = false;
  await watcher;
  await sampler;
  return latencies;
}

const QUEUE_SAMPLE_MS = 100;

/** Samples serial_update_queue's event count while `running()`: is the drain keeping up? */
async function sampleQueue(db: Kysely<Database>, into: number[], running: () => boolean): Promise<void> {
  while (running()) {
    into.push((await queuedSerialEvents(db)).events);
    await new Promise((r) => setTimeout(r, QUEUE_SAMPLE_MS));
  }
}
