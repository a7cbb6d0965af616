import { createRoute, z } from '@hono/zod-openapi';
import { isUniqueViolation } from '../../db/errors.js';
import { insertPartner, listPartners, type Partner } from '../../db/repositories/partners.js';
import type { ApiDeps } from '../deps.js';
import { conflict } from '../problem.js';
import { createRouter } from '../router.js';
import { bearerAuth as security, jsonBody, jsonContent } from '../schemas/openapi.js';
import { CreatePartnerSchema, PartnerSchema } from '../schemas/partners.js';

const partnerJson = (p: Partner): z.infer<typeof PartnerSchema> => ({
  id: p.id,
  name: p.name,
  gln: p.gln,
  baseUrl: p.baseUrl,
  directoryUrl: p.directoryUrl,
  createdAt: p.createdAt.toISOString(),
});

const create = createRoute({
  method: 'post',
  path: '/v1/admin/partners',
  tags: ['operators'],
  security,
  request: { body: jsonBody(CreatePartnerSchema, 'an external VRS provider') },
  responses: { 201: jsonContent(PartnerSchema, 'created') },
});
const list = createRoute({ method: 'get', path: '/v1/admin/partners', tags: ['operators'], security, responses: { 200: jsonContent(z.array(PartnerSchema), 'all partners') } });

export function adminPartnerRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      try {
        const partner = await insertPartner(deps.db, { ...body, directoryUrl: body.directoryUrl ?? null });
        return c.json(partnerJson(partner), 201);
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict(`a partner with GLN ${body.gln} already exists`);
        throw error;
      }
    })
    .openapi(list, async (c) => c.json((await listPartners(deps.db)).map(partnerJson), 200));
}
