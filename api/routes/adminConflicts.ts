import { decodeConflictCursor } from '../conflicts/conflictCursor.js';
import { conflictPage } from '../conflicts/conflictPage.js';
import type { ApiDeps } from '../deps.js';
import { createRouter } from '../router.js';
import { ConflictPageSchema } from '../schemas/conflicts.js';
import { bearerAuth as security, createRoute, jsonContent } from '../schemas/openapi.js';
import { PageQuery } from '../schemas/page.js';

const list = createRoute({
  method: 'get',
  path: '/v1/admin/conflicts',
  summary: 'list company prefix and GTIN conflicts to resolve',
  operationId: 'listCompanyConflicts',
  tags: ['operators'],
  security,
  request: { query: PageQuery },
  responses: {
    200: jsonContent(
      ConflictPageSchema,
      'overlapping company prefixes of different companies, then GTINs more than one company holds, in GTIN order',
    ),
  },
});

/** What the operator must resolve so that every GTIN maps to exactly one company. */
export function adminConflictRoutes(deps: ApiDeps) {
  return createRouter().openapi(list, async (c) => {
    const query = c.req.valid('query');
    return c.json(await conflictPage(deps.db, decodeConflictCursor(query.cursor), query.limit), 200);
  });
}
