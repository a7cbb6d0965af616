import { z } from '@hono/zod-openapi';
import { getResponseRules, putResponseRules } from '../../db/repositories/responseRules.js';
import type { ApiDeps } from '../deps.js';
import { companyOf } from '../middleware/require.js';
import { requireCompany } from '../middleware/requireCompany.js';
import { createRouter } from '../router.js';
import { GtinSchema } from '../schemas/gs1.js';
import { bearerAuth as security, createRoute, jsonBody, jsonContent } from '../schemas/openapi.js';

// Every switch optional: missing keys keep their defaults (domain.md).
const Switches = z
  .object({
    sendFailureReason: z.boolean(),
    sendExpiredStatus: z.boolean(),
    validWhenExpired: z.boolean(),
    sendRecalledStatus: z.boolean(),
    validWhenRecalled: z.boolean(),
    sendSuspectStatus: z.boolean(),
    checkExpirationDay: z.boolean(),
  })
  .partial()
  .strict();
const RulesBody = z
  .object({
    rules: Switches.default({}),
    overrides: z
      .array(z.object({ gtin: GtinSchema, rules: Switches }))
      // One row per GTIN in the rules table: a repeated GTIN is the caller's mistake, not a 500.
      .refine((o) => new Set(o.map((x) => x.gtin)).size === o.length, 'each GTIN may appear once')
      .default([]),
  })
  .openapi('ResponseRules');

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
    body: jsonBody(RulesBody, 'company rules and per-GTIN overrides; the overrides replace the previous set'),
  },
  responses: { 200: jsonContent(RulesBody, 'stored') },
});
const get = createRoute({
  method: 'get',
  path: '/v1/rules/response',
  summary: 'read the response rules',
  operationId: 'getResponseRules',
  tags: ['producers'],
  security,
  middleware: [producer],
  responses: { 200: jsonContent(RulesBody, 'as stored') },
});

export function responseRuleRoutes(deps: ApiDeps) {
  const read = async (companyId: string) => {
    const stored = await getResponseRules(deps.db, companyId);
    return { rules: stored.rules, overrides: [...stored.overrides].map(([gtin, rules]) => ({ gtin, rules })) };
  };
  return createRouter()
    .openapi(put, async (c) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      await putResponseRules(deps.db, company.id, c.req.valid('json'));
      deps.responseRules.invalidate(company.id);
      return c.json(await read(company.id), 200);
    })
    .openapi(get, async (c) => c.json(await read(companyOf(c.get('principal'), 'producer').company.id), 200));
}
