import { z } from '@hono/zod-openapi';
import type { ApiDeps } from '../deps.js';
import { runPing } from '../../launchers/ping.js';
import { createRouter } from '../router.js';
import { createRoute } from '../schemas/openapi.js';

const route = createRoute({
  method: 'post',
  path: '/v1/admin/ping',
  summary: 'run a workflow that reads PostgreSQL',
  operationId: 'ping',
  tags: ['operators'],
  security: [{ bearer: [] }],
  request: {
    body: {
      content: { 'application/json': { schema: z.object({ message: z.string().max(200).default('ping') }) } },
      required: false,
    },
  },
  responses: {
    200: {
      content: {
        'application/json': {
          schema: z.object({
            workflowId: z.string(),
            message: z.string(),
            databaseTime: z.string(),
            database: z.string(),
          }),
        },
      },
      description: 'the ping workflow ran an activity against PostgreSQL',
    },
  },
});

export const adminPingRoutes = (deps: ApiDeps) =>
  createRouter().openapi(route, async (c) => {
    const body = c.req.header('content-type') ? c.req.valid('json') : { message: 'ping' };
    return c.json(await runPing(deps, body.message), 200);
  });
