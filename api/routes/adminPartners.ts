import { createRoute, z } from '@hono/zod-openapi';
import { isUniqueViolation } from '../../db/errors.js';
import { insertPartner, listPartners, updatePartner, type Partner } from '../../db/repositories/partners.js';
import type { MasterKey } from '../../domain/certificates/index.js';
import { openExtraHeaders, sealExtraHeaders } from '../../peers/extraHeaders.js';
import type { ApiDeps } from '../deps.js';
import { conflict, notFound } from '../problem.js';
import { createRouter } from '../router.js';
import { bearerAuth as security, jsonBody, jsonContent } from '../schemas/openapi.js';
import { CreatePartnerSchema, PartnerSchema, UpdatePartnerSchema } from '../schemas/partners.js';

const partnerJson = async (master: MasterKey, p: Partner): Promise<z.infer<typeof PartnerSchema>> => ({
  id: p.id,
  name: p.name,
  gln: p.gln,
  baseUrl: p.baseUrl,
  directoryUrl: p.directoryUrl,
  proxyUrl: p.proxyUrl,
  extraHeaderNames: Object.keys(await openExtraHeaders(master, p.sealedExtraHeaders)),
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
const update = createRoute({
  method: 'patch',
  path: '/v1/admin/partners/{id}',
  tags: ['operators'],
  security,
  request: { params: z.object({ id: z.string().uuid() }), body: jsonBody(UpdatePartnerSchema, 'the fields to change') },
  responses: { 200: jsonContent(PartnerSchema, 'the partner as changed') },
});

export function adminPartnerRoutes(deps: ApiDeps) {
  const { master } = deps.installation;
  return createRouter()
    .openapi(create, async (c) => {
      const { extraHeaders, ...body } = c.req.valid('json');
      try {
        const sealedExtraHeaders = extraHeaders ? await sealExtraHeaders(master, extraHeaders) : null;
        const partner = await insertPartner(deps.db, { ...body, directoryUrl: body.directoryUrl ?? null, proxyUrl: body.proxyUrl ?? null, sealedExtraHeaders });
        return c.json(await partnerJson(master, partner), 201);
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict(`a partner with GLN ${body.gln} already exists`);
        throw error;
      }
    })
    .openapi(list, async (c) => c.json(await Promise.all((await listPartners(deps.db)).map((p) => partnerJson(master, p))), 200))
    .openapi(update, async (c) => {
      const { extraHeaders, ...changes } = c.req.valid('json');
      const sealedExtraHeaders = extraHeaders === undefined ? undefined : await sealExtraHeaders(master, extraHeaders);
      const partner = await updatePartner(deps.db, c.req.valid('param').id, { ...changes, ...(sealedExtraHeaders !== undefined && { sealedExtraHeaders }) });
      if (!partner) throw notFound('no such partner');
      return c.json(await partnerJson(master, partner), 200);
    });
}
