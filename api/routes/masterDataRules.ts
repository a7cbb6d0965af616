import { masterDataRulesSchema } from '../../domain/masterData/rules.js';
import { getMasterDataRules, putMasterDataRules } from '../../db/repositories/masterDataRules.js';
import type { ApiDeps } from '../deps.js';
import { launchMasterDataSync } from '../../launchers/masterDataSync.js';
import { companyOf } from '../middleware/require.js';
import { createRouter } from '../router.js';
import { bearerAuth as security, createRoute, jsonBody, jsonContent } from '../schemas/openapi.js';
import { StartedSchema } from '../schemas/syncs.js';

// The domain's own schema, so the API accepts exactly what the sync understands.
const Rules = masterDataRulesSchema;

const put = createRoute({
  method: 'put',
  path: '/v1/rules/master-data',
  summary: 'set which products sync',
  operationId: 'putMasterDataRules',
  tags: ['producers'],
  security,
  request: { body: jsonBody(Rules, 'which products sync') },
  responses: { 200: jsonContent(Rules, 'stored; applies from the next sync') },
});
const get = createRoute({
  method: 'get',
  path: '/v1/rules/master-data',
  summary: 'read the master-data rules',
  operationId: 'getMasterDataRules',
  tags: ['producers'],
  security,
  responses: { 200: jsonContent(Rules, 'as stored') },
});
const start = createRoute({
  method: 'post',
  path: '/v1/syncs/master-data',
  summary: 'start a master-data sync',
  operationId: 'startMasterDataSync',
  tags: ['producers'],
  security,
  responses: {
    202: jsonContent(StartedSchema, 'started; watch it at GET /v1/syncs/{workflowId}'),
    409: { description: 'a sync is already running; the problem names its workflowId' },
  },
});

/** Master-data rules, and starting the sync that applies them. Changing rules starts nothing by itself. */
export function masterDataRuleRoutes(deps: ApiDeps) {
  const read = async (companyId: string) => {
    const rules = await getMasterDataRules(deps.db, companyId);
    return { include: [...(rules.include ?? [])], exclude: [...(rules.exclude ?? [])] };
  };
  return createRouter()
    .openapi(put, async (c) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      await putMasterDataRules(deps.db, company.id, c.req.valid('json'));
      return c.json(await read(company.id), 200);
    })
    .openapi(get, async (c) => c.json(await read(companyOf(c.get('principal'), 'producer').company.id), 200))
    .openapi(start, async (c) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      return c.json({ workflowId: await launchMasterDataSync(deps, company.id) }, 202);
    });
}
