import { z } from '@hono/zod-openapi';
import { listApiKeys, revokeApiKey } from '../../db/repositories/apiKeys.js';
import { findCompanyById } from '../../db/repositories/companies.js';
import type { ApiDeps } from '../deps.js';
import { notFound } from '../problem.js';
import { createRouter } from '../router.js';
import { IdParamSchema } from '../schemas/companies.js';
import { bearerAuth as security, createRoute, jsonContent } from '../schemas/openapi.js';
import { issueApiKey } from '../companies/companies.js';

const KeySchema = z
  .object({
    id: z.string().uuid(),
    prefix: z.string(),
    deviceId: z.string().nullable(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiKey');
const KeyParams = IdParamSchema.extend({
  keyId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'keyId', in: 'path' } }),
});

const create = createRoute({
  method: 'post',
  path: '/v1/admin/companies/{id}/api-keys',
  summary: 'issue an API key for a company',
  operationId: 'createApiKey',
  tags: ['operators'],
  security,
  request: { params: IdParamSchema },
  responses: {
    201: jsonContent(
      z.object({ id: z.string(), apiKey: z.string(), createdAt: z.string() }),
      'the new key, shown once',
    ),
  },
});
const list = createRoute({
  method: 'get',
  path: '/v1/admin/companies/{id}/api-keys',
  summary: "list a company's API keys",
  operationId: 'listApiKeys',
  tags: ['operators'],
  security,
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(z.array(KeySchema), 'keys without their secrets') },
});
const revoke = createRoute({
  method: 'delete',
  path: '/v1/admin/companies/{id}/api-keys/{keyId}',
  summary: 'revoke an API key',
  operationId: 'revokeApiKey',
  tags: ['operators'],
  security,
  request: { params: KeyParams },
  responses: { 204: { description: 'revoked' } },
});

export function adminApiKeyRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(create, async (c) => {
      const { id } = c.req.valid('param');
      if (!(await findCompanyById(deps.db, id))) throw notFound('no such company');
      const key = await issueApiKey(deps.db, id);
      return c.json({ id: key.id, apiKey: key.apiKey, createdAt: key.createdAt.toISOString() }, 201);
    })
    .openapi(list, async (c) => {
      const rows = await listApiKeys(deps.db, c.req.valid('param').id);
      const keys = rows.map((r) => ({
        id: r.id,
        prefix: r.prefix,
        deviceId: r.device_id,
        createdAt: r.created_at.toISOString(),
        revokedAt: r.revoked_at?.toISOString() ?? null,
      }));
      return c.json(keys, 200);
    })
    .openapi(revoke, async (c) => {
      const { id, keyId } = c.req.valid('param');
      const prefix = await revokeApiKey(deps.db, id, keyId);
      if (!prefix) throw notFound('no such active key');
      deps.credentials.forget(prefix);
      return c.body(null, 204);
    });
}
