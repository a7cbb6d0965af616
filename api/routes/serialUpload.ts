import { z } from '@hono/zod-openapi';
import { serialDrainUnderWay } from '../../db/serialSync/updateQueue.js';
import { parseEpcis } from '../../ingest/epcis.js';
import { givingWay } from '../../ingest/givingWay.js';
import type { SerialRow } from '../../ingest/rows.js';
import { parseSerialCsv, parseSerialJson, type SerialParseOptions } from '../../ingest/serialRecords.js';
import type { ByteSource } from '../../ingest/source.js';
import type { ApiDeps } from '../deps.js';
import { Problem } from '../problem.js';
import { createRouter } from '../router.js';
import { jsonRecordsBody, SERIAL_CSV_HEADER, SerialRecordSchema } from '../schemas/uploadRecords.js';
import { runUpload } from '../uploads/runUpload.js';
import { uploadOf, uploadRoute } from '../uploads/uploadRoute.js';
import { storeSerialUpload } from '../serials/storeSerialUpload.js';

const PARSERS: Record<string, (source: ByteSource, opts: SerialParseOptions) => AsyncIterable<SerialRow>> = {
  'application/json': parseSerialJson,
  'application/xml': parseEpcis,
  'text/xml': parseEpcis,
  'text/csv': parseSerialCsv,
};

const route = uploadRoute({
  path: '/v1/serials',
  summary: 'upload serial events (EPCIS 1.2 XML, JSON or CSV)',
  operationId: 'uploadSerials',
  reportName: 'SerialUploadReport',
  accepted: 'records: one per EPCIS event, one per CSV/JSON row',
  report: {
    events: z.number().int().openapi({ description: 'pack events accepted (an EPCIS event lists several packs)' }),
    serials: z
      .number()
      .int()
      .openapi({ description: 'distinct packs (GTIN + serial) among them (counted up to 1,000,000)' }),
    warnings: z
      .array(
        z.object({
          row: z.number().int().optional(),
          gtin: z.string(),
          serial: z.string().optional(),
          message: z.string(),
        }),
      )
      .openapi({
        description:
          'stored, but probably not meant: event times in the future, GTINs without product master data (the first 1,000)',
      }),
    warningCount: z.number().int(),
  },
  bodies: {
    'application/xml': 'an EPCIS 1.2 document (streamed; no DOCTYPE)',
    'text/csv': `RFC 4180 CSV, UTF-8, with a header row naming its columns in any order (streamed): ${SERIAL_CSV_HEADER}`,
    'application/json': jsonRecordsBody(SerialRecordSchema, 'a JSON array of serial records (at most 8 MiB)'),
  },
  answer: 'per-row report; accepted events are stored (not on a dry run), and reach verify when serial sync is enabled',
});

/** Serial event uploads; with serial sync enabled, the new events go on to serialUpdates. */
export function serialUploadRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const { dryRun } = c.req.valid('query');
    const { companyId, company, essence, parser, limits } = uploadOf(c, deps, PARSERS);
    const answer = await runUpload(c, deps, {
      owner: { companyId },
      kind: 'serials',
      contentType: essence,
      dryRun,
      store: async (body, tally) =>
        storeSerialUpload(
          deps.db,
          { companyId, companyPrefixes: (await company).companyPrefixes, dryRun },
          givingWay(parser(body, limits)),
          tally,
        ),
      settle: async (result) => {
        deps.metrics.upload('serials', dryRun, result);
        // After the commit: a drain that holds the lease now was running when the ranges were
        // queued, and looks at the queue again before it lets the lease go.
        if (dryRun || !result.queued || result.seqs.length === 0 || (await serialDrainUnderWay(deps.db, companyId)))
          return;
        try {
          await deps.serialUpdates.wake(companyId, await company);
        } catch (error) {
          deps.log.error({ err: error, companyId, seqs: result.seqs }, 'serialUpdates wake-up failed');
          throw new Problem(
            503,
            'Service Unavailable',
            'the events are stored but the serial sync could not be woken; repeat the upload (it is idempotent)',
          );
        }
      },
    });
    if (answer.status === 202) return c.json(answer.accepted, 202);
    const result = answer.report;
    const { seqs: _seqs, queued: _queued, ...report } = result;
    return c.json(report, 200);
  });
}
