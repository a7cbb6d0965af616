import { z } from '@hono/zod-openapi';
import { getResponseRules, putResponseRules } from '../../db/repositories/responseRules.js';
import type { ApiDeps } from '../deps.js';
import { explainResponseRules } from '../../domain/verification/ruleExplanation.js';
import { companyOf } from '../middleware/require.js';
import { requireCompany } from '../middleware/requireCompany.js';
import { createRouter } from '../router.js';
import { RulesBody, refuseForeignOverrides } from '../schemas/responseRules.js';
import { bearerAuth as security, createRoute, jsonBody, jsonContent } from '../schemas/openapi.js';

const EffectiveRules = z
  .array(
    z.object({
      name: z.string(),
      value: z.boolean(),
      default: z.boolean(),
      source: z.enum(['default', 'company', 'gtin']),
      description: z.string(),
    }),
  )
  .openapi('EffectiveResponseRules');
const RulesView = RulesBody.extend({
  effective: z
    .object({
      rules: EffectiveRules,
      overrides: z.array(z.object({ gtin: z.string(), rules: EffectiveRules })),
    })
    .openapi({ description: 'every rule as answers apply it, defaults included, with where its value comes from' }),
}).openapi('ResponseRulesView');

const producer = requireCompany('producer');
const put = createRoute({
  method: 'put',
  path: '/v1/rules/response',
  summary: 'set the response rules',
  operationId: 'putResponseRules',
  tags: ['producers'],
  security,
  middleware: [producer],
  request: {
    body: jsonBody(
      RulesBody,
      "company rules and per-GTIN overrides; the overrides replace the previous set; each GTIN must be under the company's prefixes",
    ),
  },
  responses: { 200: jsonContent(RulesView, 'stored, and the rules now in effect') },
});
const get = createRoute({
  method: 'get',
  path: '/v1/rules/response',
  summary: 'read the response rules: as stored and as in effect, defaults included',
  operationId: 'getResponseRules',
  tags: ['producers'],
  security,
  middleware: [producer],
  responses: { 200: jsonContent(RulesView, 'as stored, and every rule in effect with a short description') },
});

export function responseRuleRoutes(deps: ApiDeps) {
  const read = async (companyId: string) => {
    const stored = await getResponseRules(deps.db, companyId);
    const overrides = [...stored.overrides].map(([gtin, rules]) => ({ gtin, rules }));
    return {
      rules: stored.rules,
      overrides,
      effective: {
        rules: explainResponseRules(stored.rules),
        overrides: overrides.map((o) => ({ gtin: o.gtin, rules: explainResponseRules(stored.rules, o.rules) })),
      },
    };
  };
  return createRouter()
    .openapi(put, async (c) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      const body = c.req.valid('json');
      refuseForeignOverrides(body, company.companyPrefixes);
      await putResponseRules(deps.db, company.id, body);
      deps.responseRules.invalidate(company.id);
      return c.json(await read(company.id), 200);
    })
    .openapi(get, async (c) => c.json(await read(companyOf(c.get('principal'), 'producer').company.id), 200));
}
