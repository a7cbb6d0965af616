import { z } from '@hono/zod-openapi';
import type { ApiDeps } from '../deps.js';
import { notFound } from '../problem.js';
import { createRouter } from '../router.js';
import { bearerAuth as security, createRoute, jsonContent } from '../schemas/openapi.js';

const BlockSchema = z
  .object({
    caller: z.string().openapi({
      description:
        '`<companyId>:<apiKeyId>` for a company key or device token, `peer:<partnerId>` for a partner VRS (the `caller` of the 403 answer)',
    }),
    blockedUntil: z.string().openapi({ description: 'when the block ends by itself' }),
  })
  .openapi('BruteForceBlock');
const CallerParam = z.object({
  caller: z
    .string()
    .min(1)
    .openapi({ param: { name: 'caller', in: 'path' }, example: 'peer:7f1c2c8e-2a52-4c1e-9d7a-1b0f7c9e0a11' }),
});

const list = createRoute({
  method: 'get',
  path: '/v1/admin/blocks',
  tags: ['operators'],
  summary: 'list callers blocked by the brute-force guard',
  operationId: 'listBlocks',
  security,
  responses: {
    200: jsonContent(z.array(BlockSchema), "this API process's blocked callers (each process counts on its own)"),
  },
});
const lift = createRoute({
  method: 'delete',
  path: '/v1/admin/blocks/{caller}',
  tags: ['operators'],
  summary: 'lift a brute-force block',
  operationId: 'liftBlock',
  security,
  request: { params: CallerParam },
  responses: { 204: { description: 'lifted; the caller may verify again at once' } },
});

/** Blocks live in each API process's memory, so these see and lift the blocks of the process that answers. */
export function adminBlockRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(list, (c) =>
      c.json(
        deps.bruteForce.blocked().map((b) => ({ caller: b.caller, blockedUntil: b.until.toISOString() })),
        200,
      ),
    )
    .openapi(lift, (c) => {
      const { caller } = c.req.valid('param');
      if (!deps.bruteForce.lift(caller)) throw notFound(`${caller} is not blocked`);
      return c.body(null, 204);
    });
}
