import { createRoute, z } from '@hono/zod-openapi';
import type { ApiDeps } from '../deps.js';
import { notFound } from '../problem.js';
import { createRouter } from '../router.js';
import { bearerAuth, jsonContent, problemContent } from '../schemas/openapi.js';

const Block = z.object({
  caller: z.string().openapi({ description: '`<companyId>:<keyId>` for an API key or device, `peer:<partnerId>` for a partner' }),
  until: z.string().openapi({ description: 'when the block ends' }),
});

const list = createRoute({
  method: 'get',
  path: '/v1/admin/blocks',
  tags: ['operators'],
  security: bearerAuth,
  responses: { 200: jsonContent(z.object({ items: z.array(Block) }), "callers the brute-force guard blocks now, in this API process (each process counts its own)") },
});

const lift = createRoute({
  method: 'delete',
  path: '/v1/admin/blocks/{caller}',
  tags: ['operators'],
  security: bearerAuth,
  request: { params: z.object({ caller: z.string().min(1).max(200) }) },
  responses: { 204: { description: 'the block is lifted and the caller starts from no misses' }, 404: problemContent('this process does not block that caller') },
});

/** Brute-force blocks, held in each API process's memory: the operator sees and lifts them per process. */
export const adminBlockRoutes = (deps: Pick<ApiDeps, 'bruteForce'>) =>
  createRouter()
    .openapi(list, (c) => c.json({ items: deps.bruteForce.blocked().map((b) => ({ caller: b.caller, until: new Date(b.until).toISOString() })) }, 200))
    .openapi(lift, (c) => {
      const { caller } = c.req.valid('param');
      if (!deps.bruteForce.lift(caller)) throw notFound(`caller ${caller} is not blocked by this API process`);
      return c.body(null, 204);
    });
