import { z } from '@hono/zod-openapi';
import { getSerialRules, putSerialRules } from '../../db/repositories/serialRules.js';
import { serialRulesSchema } from '../../domain/serials/rules.js';
import type { ApiDeps } from '../deps.js';
import { launchSerialBackfill } from '../../launchers/serialBackfill.js';
import { companyOf } from '../middleware/require.js';
import { conflict } from '../problem.js';
import { createRouter } from '../router.js';
import { bearerAuth as security, createRoute, jsonBody, jsonContent } from '../schemas/openapi.js';
import { StartedSchema } from '../schemas/syncs.js';

// The domain's own schema, so the API accepts exactly what the sync understands.
const Rules = serialRulesSchema;
const BackfillOptions = z
  .object({
    partitions: z
      .number()
      .int()
      .min(1)
      .max(16)
      .optional()
      .openapi({ description: 'child workflows over GTIN ranges, side by side (default SERIAL_BACKFILL_PARTITIONS)' }),
  })
  .strict();

const put = createRoute({
  method: 'put',
  path: '/v1/rules/serials',
  summary: 'set which serials sync',
  operationId: 'putSerialRules',
  tags: ['producers'],
  security,
  request: { body: jsonBody(Rules, 'which serials sync, and whether serial sync is on') },
  responses: { 200: jsonContent(Rules, 'stored; new events follow it at once, stored ones at the next backfill') },
});
const get = createRoute({
  method: 'get',
  path: '/v1/rules/serials',
  summary: 'read the serial rules',
  operationId: 'getSerialRules',
  tags: ['producers'],
  security,
  responses: { 200: jsonContent(Rules, 'as stored (sync off until enabled)') },
});
const start = createRoute({
  method: 'post',
  path: '/v1/syncs/serial-backfill',
  summary: 'start a serial backfill',
  operationId: 'startSerialBackfill',
  tags: ['producers'],
  security,
  request: { body: { ...jsonBody(BackfillOptions, 'optional'), required: false } },
  responses: {
    202: jsonContent(StartedSchema, 'started; watch it at GET /v1/syncs/{workflowId}'),
    409: {
      description: 'a backfill is already running (the problem names its workflowId), or serial sync is not enabled',
    },
  },
});

/** Serial rules, and the bulk backfill of everything they select. Changing rules starts nothing. */
export function serialRuleRoutes(deps: ApiDeps) {
  const read = async (companyId: string) => {
    const rules = await getSerialRules(deps.db, companyId);
    return { enabled: rules.enabled, include: [...(rules.include ?? [])] };
  };
  return createRouter()
    .openapi(put, async (c) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      await putSerialRules(deps.db, company.id, c.req.valid('json'));
      return c.json(await read(company.id), 200);
    })
    .openapi(get, async (c) => c.json(await read(companyOf(c.get('principal'), 'producer').company.id), 200))
    .openapi(start, async (c) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      const options = c.req.header('content-type') ? c.req.valid('json') : {};
      // Pack-level data is published only once the producer has switched serial sync on.
      if (!(await getSerialRules(deps.db, company.id)).enabled)
        throw conflict('serial sync is not enabled; PUT /v1/rules/serials with "enabled": true first');
      return c.json(
        {
          workflowId: await launchSerialBackfill(deps, {
            companyId: company.id,
            partitions: options.partitions ?? deps.config.SERIAL_BACKFILL_PARTITIONS,
          }),
        },
        202,
      );
    });
}
