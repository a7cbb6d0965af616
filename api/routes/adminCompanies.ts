import { z } from '@hono/zod-openapi';
import { isExclusionViolation, isUniqueViolation } from '../../db/errors.js';
import { findCompanyById, listCompanies, updateCompany } from '../../db/repositories/companies.js';
import type { ApiDeps } from '../deps.js';
import { conflict, notFound } from '../problem.js';
import { createRouter } from '../router.js';
import {
  CompanySchema,
  CreateCompanySchema,
  IdParamSchema,
  PatchCompanySchema,
  companyJson,
} from '../schemas/companies.js';
import {
  bearerAuth as security,
  createRoute,
  jsonBody,
  jsonContent as json,
  problemContent as problem,
} from '../schemas/openapi.js';
import { createCompanyWithKey } from '../companies/companies.js';
import { prefixTaken } from '../companies/prefixTaken.js';

const create = createRoute({
  method: 'post',
  path: '/v1/admin/companies',
  summary: 'create a company (producer, consumer or both)',
  operationId: 'createCompany',
  tags: ['operators'],
  security,
  request: { body: jsonBody(CreateCompanySchema, 'the new company') },
  responses: {
    201: json(CompanySchema.extend({ apiKey: z.string() }), 'created; the API key is shown only once'),
    409: problem(
      'the GLN is taken, or a company prefix overlaps one another company holds (errors name each prefix and its owner)',
    ),
  },
});
const list = createRoute({
  method: 'get',
  path: '/v1/admin/companies',
  summary: 'list companies',
  operationId: 'listCompanies',
  tags: ['operators'],
  security,
  responses: { 200: json(z.array(CompanySchema), 'all companies') },
});
const get = createRoute({
  method: 'get',
  path: '/v1/admin/companies/{id}',
  summary: 'read a company',
  operationId: 'getCompany',
  tags: ['operators'],
  security,
  request: { params: IdParamSchema },
  responses: { 200: json(CompanySchema, 'the company') },
});
const patch = createRoute({
  method: 'patch',
  path: '/v1/admin/companies/{id}',
  summary: 'change a company',
  operationId: 'updateCompany',
  tags: ['operators'],
  security,
  request: { params: IdParamSchema, body: jsonBody(PatchCompanySchema, 'fields to change') },
  responses: {
    200: json(CompanySchema, 'the updated company'),
    409: problem('a company prefix overlaps one another company holds (errors name each prefix and its owner)'),
  },
});

export function adminCompanyRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      try {
        const { company, key } = await createCompanyWithKey(deps.db, body);
        return c.json({ ...companyJson(company), apiKey: key.apiKey }, 201);
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict(`a company with GLN ${body.gln} already exists`);
        if (isExclusionViolation(error)) throw await prefixTaken(deps.db, undefined, body.companyPrefixes ?? []);
        throw error;
      }
    })
    .openapi(list, async (c) => c.json((await listCompanies(deps.db)).map(companyJson), 200))
    .openapi(get, async (c) => {
      const company = await findCompanyById(deps.db, c.req.valid('param').id);
      if (!company) throw notFound('no such company');
      return c.json(companyJson(company), 200);
    })
    .openapi(patch, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const company = await updateCompany(deps.db, id, body).catch(async (error: unknown) => {
        throw isExclusionViolation(error) ? await prefixTaken(deps.db, id, body.companyPrefixes ?? []) : error;
      });
      if (!company) throw notFound('no such company');
      return c.json(companyJson(company), 200);
    });
}
