import { z } from '@hono/zod-openapi';
import { masterDataRulesSchema } from '../../domain/masterData/rules.js';
import { emptyPreview, previewBatch } from '../../domain/masterData/rulesPreview.js';
import { listSourceProducts } from '../../db/repositories/sourceProducts.js';
import type { ApiDeps } from '../deps.js';
import { companyOf } from '../middleware/require.js';
import { requireCompany } from '../middleware/requireCompany.js';
import { createRouter } from '../router.js';
import { bearerAuth as security, createRoute, jsonBody, jsonContent } from '../schemas/openapi.js';

const PAGE = 1000;
const Preview = z
  .object({
    total: z.number(),
    selected: z.number(),
    excluded: z.number(),
    examples: z
      .array(z.object({ gtin: z.string(), reason: z.string() }))
      .openapi({ description: 'the first 10 excluded products' }),
  })
  .openapi('MasterDataRulesPreview');

const route = createRoute({
  method: 'post',
  path: '/v1/rules/master-data/preview',
  summary: 'preview master-data rules over the uploaded products',
  operationId: 'previewMasterDataRules',
  tags: ['producers'],
  security,
  middleware: [requireCompany('producer')],
  request: { body: jsonBody(masterDataRulesSchema, 'rules to try; nothing is stored') },
  responses: {
    200: jsonContent(Preview, "how many of the producer's uploaded products the rules would select and exclude"),
  },
});

/** "This rule would exclude 3 of 120 products": the rules applied to the source store, stored nowhere. */
export function masterDataRulesPreviewRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const { company } = companyOf(c.get('principal'), 'producer');
    const rules = c.req.valid('json');
    const preview = emptyPreview();
    for (let after: string | undefined; ;) {
      const page = await listSourceProducts(deps.db, company.id, {
        limit: PAGE,
        ...(after !== undefined && { after }),
      });
      previewBatch(
        preview,
        page.map((p) => p.product),
        rules,
      );
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.gtin;
    }
    return c.json(preview, 200);
  });
}
