import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { INSERT_CHUNK, insertSerialEvents } from '../../db/repositories/serialEvents.js';
import type { Database } from '../../db/schema.js';
import { queueUploadedRanges } from '../../db/serialSync/updateQueue.js';
import { gtinWithinPrefixes, outsidePrefixesMessage } from '../../domain/gs1/companyPrefix.js';
import type { SerialEvent } from '../../domain/serials/event.js';
import { coalesceRanges, type SeqRange } from '../../domain/serials/seqRanges.js';
import type { FieldError, SerialRow } from '../../ingest/rows.js';
import type { UploadReport } from '../masterData/storeUpload.js';
import type { UploadTally } from '../uploads/uploadTally.js';
import { SerialUploadCounts, type SerialUploadWarning } from './serialUploadCounts.js';
import { uploadTransaction } from '../uploads/uploadTransaction.js';

export interface SerialUploadResult extends UploadReport {
  /** Pack events accepted (an EPCIS event lists several packs). */
  events: number;
  /** Distinct packs (GTIN + serial) they name. */
  serials: number;
  warnings: SerialUploadWarning[];
  warningCount: number;
  /** Arrival numbers (seq) of the accepted events, new or repeated. */
  seqs: SeqRange[];
  /** Serial sync is on: the ranges were queued for serialUpdates. */
  queued: boolean;
}

/** The pack rows of one record (an EPCIS event lists several packs under one row number). */
interface Record {
  row: number;
  events: SerialEvent[];
  errors: FieldError[];
  gtin?: string | undefined;
  serial?: string | undefined;
}

/**
 * Streams parsed serial events into the producer's source store inside ONE transaction: a
 * document found malformed half way stores nothing, while a bad record is reported and never
 * stops the good ones. A record is accepted or rejected whole, and one whose packs lie outside
 * the producer's company prefixes is rejected. Events already stored (same id) are skipped.
 * With serial sync on, the stored ranges are queued for serialUpdates in the same transaction.
 * A dry run does all of it and rolls it back: the same report, nothing stored or queued.
 */
export async function storeSerialUpload(
  db: Kysely<Database>,
  upload: { companyId: string; companyPrefixes: readonly string[]; dryRun: boolean },
  rows: AsyncIterable<SerialRow>,
  tally: UploadTally,
): Promise<SerialUploadResult> {
  // A dry run's events are rolled back with the id they name.
  const uploadId = tally.track?.uploadId ?? randomUUID();
  return uploadTransaction(db, upload.dryRun, async (trx) => {
    const report: SerialUploadResult = {
      uploadId: upload.dryRun ? null : uploadId,
      dryRun: upload.dryRun,
      accepted: 0,
      rejected: [],
      rejectedCount: 0,
      events: 0,
      serials: 0,
      warnings: [],
      warningCount: 0,
      seqs: [],
      queued: false,
    };
    const counts = new SerialUploadCounts(new Date());
    let batch: SerialEvent[] = [];
    const flush = async () => {
      // One EPCIS event may list thousands of packs: never more than a chunk per INSERT.
      for (let i = 0; i < batch.length; i += INSERT_CHUNK) {
        const { seqs } = await insertSerialEvents(trx, upload.companyId, uploadId, batch.slice(i, i + INSERT_CHUNK));
        report.seqs = coalesceRanges([...report.seqs, ...seqs]);
      }
      batch = [];
    };
    const close = async (record: Record) => {
      if (record.errors.length > 0) {
        await tally.reject(record);
        return;
      }
      await tally.accept();
      for (const event of record.events) counts.add(record.row, event);
      batch.push(...record.events);
      if (batch.length >= INSERT_CHUNK) await flush();
    };

    let current: Record | null = null;
    for await (const row of rows) {
      if (current && current.row !== row.row) await close(current);
      if (!current || current.row !== row.row) current = { row: row.row, events: [], errors: [] };
      if ('errors' in row) {
        current.errors.push(...row.errors);
        current.gtin ??= row.gtin;
        current.serial ??= row.serial;
      } else if (current.gtin === undefined) {
        current.gtin = row.event.gtin;
        current.serial = row.event.serial;
      }
      if ('errors' in row) continue;
      if (!gtinWithinPrefixes(row.event.gtin, upload.companyPrefixes))
        current.errors.push({ path: 'gtin', message: outsidePrefixesMessage(row.event.gtin, upload.companyPrefixes) });
      else current.events.push(row.event);
    }
    if (current) await close(current);
    await flush();
    report.accepted = tally.accepted;
    report.rejectedCount = tally.rejectedCount;
    await counts.checkProducts(trx, upload.companyId);
    Object.assign(report, counts.summary());
    const { seqs: _seqs, queued: _queued, ...stored } = report;
    await tally.finish(trx, stored);
    report.rejected = tally.reported();
    report.queued = await queueUploadedRanges(trx, upload.companyId, report.seqs);
    return report;
  });
}
