import { z } from '@hono/zod-openapi';
import { countPackGroups } from '../../db/repositories/packGroups.js';
import { getResponseRules } from '../../db/repositories/responseRules.js';
import { localDate } from '../../domain/verification/localDate.js';
import { previewResponseRules } from '../../domain/verification/rulesPreview.js';
import type { ApiDeps } from '../deps.js';
import { companyOf } from '../middleware/require.js';
import { requireCompany } from '../middleware/requireCompany.js';
import { createRouter } from '../router.js';
import { RulesBody, refuseForeignOverrides } from '../schemas/responseRules.js';
import { bearerAuth as security, createRoute, jsonBody, jsonContent } from '../schemas/openapi.js';

const Preview = z
  .object({
    total: z.number().openapi({ description: "the producer's packs in the network" }),
    changed: z.number().openapi({ description: 'packs whose answer to a fully matching request would change' }),
    changes: z
      .array(
        z.object({
          gtin: z.string(),
          packs: z.number(),
          state: z.string().openapi({ example: 'recalled' }),
          before: z.string().openapi({ example: 'not verified (Manufacturer_policy; Recalled)' }),
          after: z.string().openapi({ example: 'verified (Recalled)' }),
        }),
      )
      .openapi({ description: 'the 20 largest changes' }),
  })
  .openapi('ResponseRulesPreview');

const route = createRoute({
  method: 'post',
  path: '/v1/rules/response/preview',
  summary: "preview response rules over the producer's packs in the network",
  operationId: 'previewResponseRules',
  tags: ['producers'],
  security,
  middleware: [requireCompany('producer')],
  request: { body: jsonBody(RulesBody, 'rules to try, in the shape PUT /v1/rules/response takes; nothing is stored') },
  responses: {
    200: jsonContent(Preview, 'how the answers to those packs would change against the rules in effect now'),
  },
});

/** "These rules would change the answer for 12 of 4,000 packs": judged today, stored nowhere. */
export function responseRulesPreviewRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const { company } = companyOf(c.get('principal'), 'producer');
    const body = c.req.valid('json');
    refuseForeignOverrides(body, company.companyPrefixes);
    const [current, groups] = await Promise.all([
      getResponseRules(deps.db, company.id),
      countPackGroups(deps.db, company.id, localDate(new Date(), company.timeZone)),
    ]);
    const proposed = { rules: body.rules, overrides: new Map(body.overrides.map((o) => [o.gtin, o.rules])) };
    return c.json(previewResponseRules(groups, current, proposed), 200);
  });
}
