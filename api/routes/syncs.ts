import { z } from '@hono/zod-openapi';
import { lastCompletedSyncRuns, listCompanySyncRuns, listRecentSyncRuns } from '../../db/repositories/syncRuns.js';
import type { ApiDeps } from '../deps.js';
import { companyOf } from '../middleware/require.js';
import { conflict, notFound } from '../problem.js';
import { createRouter } from '../router.js';
import { bearerAuth as security, createRoute, jsonContent } from '../schemas/openapi.js';
import { limitSchema, PageQuery } from '../schemas/page.js';
import { SyncSchema, WorkflowIdParams } from '../schemas/syncs.js';
import { decodeRunCursor, encodeRunCursor } from '../syncs/runCursor.js';
import { liveSyncView, readSync, syncViewOfRun } from '../syncs/syncStatus.js';
import { syncOwner } from '../syncs/workflowOwner.js';

const list = createRoute({
  method: 'get',
  path: '/v1/syncs',
  summary: "list the company's syncs, newest first",
  operationId: 'listSyncs',
  tags: ['producers'],
  security,
  request: {
    query: PageQuery.extend({
      limit: limitSchema(20),
      kind: z.enum(['masterDataSync', 'serialBackfill', 'serialUpdates']).optional(),
    }),
  },
  responses: {
    200: jsonContent(
      z.object({
        items: z.array(SyncSchema).openapi({ description: 'running ones with their live progress' }),
        nextCursor: z.string().nullable(),
        lastCompleted: z.array(SyncSchema).openapi({
          description:
            'the newest completed sync of each kind, whatever ran after it (a cancelled or failed run hides nothing)',
        }),
      }),
      "the company's runs with status, progress, counts, start and end",
    ),
  },
});
const get = createRoute({
  method: 'get',
  path: '/v1/syncs/{workflowId}',
  summary: 'read a sync: status, progress, counts',
  operationId: 'getSync',
  tags: ['producers'],
  security,
  request: { params: WorkflowIdParams },
  responses: { 200: jsonContent(SyncSchema, 'status, progress, counts and the first errors') },
});
const cancel = createRoute({
  method: 'post',
  path: '/v1/syncs/{workflowId}/cancel',
  summary: 'cancel a running sync',
  operationId: 'cancelSync',
  tags: ['producers'],
  security,
  request: { params: WorkflowIdParams },
  responses: {
    202: jsonContent(
      z.object({ workflowId: z.string(), status: z.literal('canceling') }),
      'the sync stops at its next page boundary',
    ),
  },
});
const adminList = createRoute({
  method: 'get',
  path: '/v1/admin/workflows',
  summary: 'list recent syncs and directory pulls of every company',
  operationId: 'listWorkflows',
  tags: ['operators'],
  security,
  request: { query: z.object({ limit: limitSchema(50) }) },
  responses: {
    200: jsonContent(
      z.array(SyncSchema.extend({ companyId: z.string().nullable() })),
      'recent syncs of every tenant, newest first',
    ),
  },
});

/** Sync status and cancel for any sync kind (master data, serials); a company sees only its own. */
export function syncRoutes(deps: ApiDeps) {
  const ownSync = (principal: Parameters<typeof companyOf>[0], workflowId: string) => {
    const { company } = companyOf(principal, 'producer');
    const owner = syncOwner(workflowId);
    // Another company's sync answers exactly like one that does not exist.
    if (!owner || owner.companyId !== company.id) throw notFound(`no sync ${workflowId}`);
    return owner;
  };

  return createRouter()
    .openapi(list, async (c) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      const query = c.req.valid('query');
      const [runs, completed] = await Promise.all([
        listCompanySyncRuns(deps.db, company.id, {
          afterRunId: decodeRunCursor(query.cursor),
          limit: query.limit,
          kind: query.kind,
        }),
        lastCompletedSyncRuns(deps.db, company.id),
      ]);
      const last = runs.at(-1);
      return c.json(
        {
          items: await Promise.all(runs.map((run) => liveSyncView(deps, run))),
          nextCursor: runs.length === query.limit && last ? encodeRunCursor(last.runId) : null,
          lastCompleted: completed
            .filter((run) => query.kind === undefined || run.kind === query.kind)
            .map((run) => syncViewOfRun(run)),
        },
        200,
      );
    })
    .openapi(get, async (c) => {
      const { workflowId } = c.req.valid('param');
      const owner = ownSync(c.get('principal'), workflowId);
      const view = await readSync(deps, workflowId, owner.kind);
      if (!view) throw notFound(`no sync ${workflowId}`);
      return c.json(view, 200);
    })
    .openapi(cancel, async (c) => {
      const { workflowId } = c.req.valid('param');
      const owner = ownSync(c.get('principal'), workflowId);
      const view = await readSync(deps, workflowId, owner.kind);
      if (!view) throw notFound(`no sync ${workflowId}`);
      if (view.status !== 'running')
        throw conflict(`sync ${workflowId} is not running (${view.status})`, { workflowId, syncStatus: view.status });
      await deps.temporal.workflow.getHandle(workflowId).cancel();
      return c.json({ workflowId, status: 'canceling' as const }, 202);
    })
    .openapi(adminList, async (c) => {
      const runs = await listRecentSyncRuns(deps.db, c.req.valid('query').limit);
      const views = await Promise.all(
        runs.map(async (run) => ({ ...(await liveSyncView(deps, run)), companyId: run.companyId })),
      );
      return c.json(views, 200);
    });
}
