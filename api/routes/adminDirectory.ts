import { z } from '@hono/zod-openapi';
import { listUncoveredRequests, type UncoveredRequest } from '../../db/repositories/coverage.js';
import { applyDirectoryUpload } from '../../db/repositories/directoryPulls.js';
import { listOpenConflicts } from '../../db/repositories/partnerDirectory.js';
import { findPartner } from '../../db/repositories/partners.js';
import type { DirectoryRecord } from '../../domain/directory/record.js';
import { parseDirectoryCsv, parseDirectoryJson, type DirectoryRow } from '../../ingest/directoryRecords.js';
import type { ByteSource } from '../../ingest/source.js';
import type { ApiDeps } from '../deps.js';
import { badRequest, notFound, Problem, type FieldError } from '../problem.js';
import { createRouter } from '../router.js';
import { DIRECTORY_CSV_HEADER, DirectoryRecordSchema, jsonRecordsBody } from '../schemas/uploadRecords.js';
import { IdParamSchema } from '../schemas/companies.js';
import {
  ConflictQuerySchema,
  CoverageQuerySchema,
  CoverageSchema,
  DirectoryConflictSchema,
  DirectoryUploadResultSchema,
} from '../schemas/directory.js';
import { bearerAuth as security, createRoute, jsonContent } from '../schemas/openapi.js';
import { runUpload } from '../uploads/runUpload.js';
import { parserFor, streamedBody, uploadAcceptedSchema } from '../uploads/uploadContent.js';
import type { UploadTally } from '../uploads/uploadTally.js';

type Parser = (source: ByteSource) => AsyncIterable<DirectoryRow>;
const PARSERS: Record<string, Parser> = { 'application/json': parseDirectoryJson, 'text/csv': parseDirectoryCsv };

/** Records are held until the whole upload is judged (it is stored all or nothing): a directory, not a serial feed. */
const MAX_UPLOAD_RECORDS = 200_000;
const MAX_LISTED_ERRORS = 1_000;
const MAX_COVERAGE_ROWS = 10_000;
const MAX_COVERAGE_DAYS = 31;
const DAY_MS = 86_400_000;

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ tags: ['operators'], security, ...r });
const upload = route({
  method: 'post',
  path: '/v1/admin/partners/{id}/directory',
  summary: "upload a partner's Lookup Directory records (CSV or JSON)",
  operationId: 'uploadPartnerDirectory',
  request: {
    params: IdParamSchema,
    body: {
      required: true,
      content: {
        'text/csv': streamedBody(
          `CSV, UTF-8, with a header row naming its columns in any order: ${DIRECTORY_CSV_HEADER} (gtin and responderGLN required)`,
        ),
        'application/json': jsonRecordsBody(DirectoryRecordSchema, 'a JSON array of directory records (at most 8 MiB)'),
      },
    },
  },
  responses: {
    200: jsonContent(
      DirectoryUploadResultSchema,
      'every record stored; an upload with any bad row stores nothing and answers 400 naming each row and column',
    ),
    202: jsonContent(
      uploadAcceptedSchema,
      'a body over UPLOAD_BACKGROUND_BYTES is judged and stored in the background: watch GET /v1/uploads/{id}',
    ),
  },
});
const conflicts = route({
  method: 'get',
  path: '/v1/admin/directory/conflicts',
  summary: 'list Lookup Directory conflicts valid now',
  operationId: 'listDirectoryConflicts',
  request: { query: ConflictQuerySchema },
  responses: {
    200: jsonContent(
      z.array(DirectoryConflictSchema),
      'GTINs claimed by a partner and another source at once, both records valid now',
    ),
  },
});
const coverage = route({
  method: 'get',
  path: '/v1/admin/directory/coverage',
  summary: 'GTINs asked for that no directory record names',
  operationId: 'directoryCoverage',
  request: { query: CoverageQuerySchema },
  responses: {
    200: jsonContent(
      CoverageSchema,
      'requested GTINs no directory record named (answered 404), per UTC day and requestor',
    ),
  },
});

export function adminDirectoryRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(upload, async (c) => {
      const partner = await findPartner(deps.db, c.req.valid('param').id);
      if (!partner) throw notFound('no such partner');
      const { essence, parser } = parserFor(c.req.header('content-type'), PARSERS, Object.keys(PARSERS).join(', '));
      const answer = await runUpload(c, deps, {
        owner: { partnerId: partner.id },
        kind: 'directory',
        contentType: essence,
        dryRun: false,
        store: async (body, tally) => {
          const records = await judgeUpload(parser(body), tally);
          const stored = await applyDirectoryUpload(
            deps.db,
            { partnerId: partner.id, vrsName: partner.name, verificationUrl: partner.baseUrl },
            records,
            new Date(),
          );
          const report = {
            pullId: stored.pullId,
            accepted: records.length,
            stored: stored.stored,
            ended: stored.ended,
            conflicts: stored.conflicts,
          };
          await tally.finish(deps.db, report);
          return report;
        },
      });
      return answer.status === 202 ? c.json(answer.accepted, 202) : c.json(answer.report, 200);
    })
    .openapi(conflicts, async (c) => {
      const { partnerId, limit } = c.req.valid('query');
      const rows = await listOpenConflicts(deps.db, { partnerId, limit, now: new Date() });
      return c.json(
        rows.map((r) => ({
          gtin: r.gtin,
          partnerId: r.partnerId,
          responderGLN: r.responderGln,
          otherSource: r.otherSource,
          otherResponderGLN: r.otherResponderGln,
          winner: r.winner,
          pullId: r.pullId,
          detectedAt: r.detectedAt.toISOString(),
        })),
        200,
      );
    })
    .openapi(coverage, async (c) => {
      const query = c.req.valid('query');
      const from = new Date(query.from);
      const to = new Date(query.to);
      if (to <= from) throw badRequest([{ path: 'to', message: 'must be after from' }]);
      if (to.getTime() - from.getTime() > MAX_COVERAGE_DAYS * DAY_MS)
        throw badRequest([{ path: 'to', message: `the range is at most ${MAX_COVERAGE_DAYS} days` }]);
      const rows = await listUncoveredRequests(deps.db, { from, to, limit: MAX_COVERAGE_ROWS + 1 });
      const truncated = rows.length > MAX_COVERAGE_ROWS;
      return c.json(
        {
          from: from.toISOString(),
          to: to.toISOString(),
          ...groupCoverage(rows.slice(0, MAX_COVERAGE_ROWS)),
          truncated,
        },
        200,
      );
    });
}

/** Every row judged before anything is stored (a bad row fails the whole upload, 400 naming each row and column). */
async function judgeUpload(rows: AsyncIterable<DirectoryRow>, tally: UploadTally): Promise<DirectoryRecord[]> {
  const records: DirectoryRecord[] = [];
  for await (const row of rows) {
    if ('errors' in row) await tally.reject(row);
    else {
      records.push(row.record);
      await tally.accept();
    }
    if (tally.rowsRead > MAX_UPLOAD_RECORDS)
      throw new Problem(413, 'Payload Too Large', `an upload holds at most ${MAX_UPLOAD_RECORDS} records; split it`);
  }
  if (tally.rejectedCount === 0) return records;
  const errors: (FieldError & { row: number })[] = tally.rejected.flatMap((r) =>
    r.errors.map((e) => ({ row: r.row, path: e.path, message: e.message })),
  );
  const listed = errors.slice(0, MAX_LISTED_ERRORS);
  throw new Problem(
    400,
    'Bad Request',
    `${errors.length} bad field(s); nothing was stored. ${listed
      .slice(0, 5)
      .map((e) => `row ${e.row} ${e.path}: ${e.message}`)
      .join('; ')}`,
    { errors: listed, errorCount: errors.length },
  );
}

/** Rows in (day, requestor, GTIN) order, nested per day and requestor with their counts. */
function groupCoverage(rows: readonly UncoveredRequest[]) {
  const days: {
    day: string;
    requestors: {
      requestorGLN: string | null;
      unknownGtins: number;
      requests: number;
      gtins: { gtin: string; requests: number }[];
    }[];
  }[] = [];
  const all = new Set<string>();
  let requests = 0;
  for (const r of rows) {
    let day = days.at(-1);
    if (day?.day !== r.day) days.push((day = { day: r.day, requestors: [] }));
    let requestor = day.requestors.at(-1);
    if (!requestor || requestor.requestorGLN !== r.requestorGln)
      day.requestors.push((requestor = { requestorGLN: r.requestorGln, unknownGtins: 0, requests: 0, gtins: [] }));
    requestor.gtins.push({ gtin: r.gtin, requests: r.requests });
    requestor.unknownGtins++;
    requestor.requests += r.requests;
    requests += r.requests;
    all.add(r.gtin);
  }
  return { unknownGtins: all.size, requests, days };
}
