import { z } from '@hono/zod-openapi';
import { listCertificates } from '../../db/repositories/certificates.js';
import { findPartner } from '../../db/repositories/partners.js';
import type { ApiDeps } from '../deps.js';
import { launchCertificateRotation } from '../../launchers/certificateRotation.js';
import { notFound } from '../problem.js';
import { createRouter } from '../router.js';
import {
  CertificateSchema,
  CompleteCsrSchema,
  CreateCertificateSchema,
  PeerCertificateSchema,
  certificateJson,
} from '../schemas/certificates.js';
import { IdParamSchema } from '../schemas/companies.js';
import { bearerAuth as security, createRoute, jsonBody, jsonContent } from '../schemas/openapi.js';
import {
  completeCsr,
  issueForPartner,
  rotateForPartner,
  startCsr,
  uploadForPartner,
} from '../partners/partnerCertificates.js';
import { registerPeerCertificate } from '../partners/peerCertificates.js';

const base = '/v1/admin/partners/{id}/certificates';
const CertParams = IdParamSchema.extend({
  certId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'certId', in: 'path' } }),
});
const Created = CertificateSchema.extend({ workflowId: z.string().nullable(), csrPem: z.string().optional() });
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ tags: ['operators'], security, ...r });

const create = route({
  method: 'post',
  path: base,
  summary: 'create our client certificate for a partner (issue, upload or CSR)',
  operationId: 'createPartnerCertificate',
  request: {
    params: IdParamSchema,
    body: jsonBody(CreateCertificateSchema, 'issue with our CA, upload certificate + key, or start a CSR'),
  },
  responses: { 201: jsonContent(Created, 'metadata only; a CSR is returned for mode csr') },
});
const list = route({
  method: 'get',
  path: base,
  summary: 'list our client certificates for a partner',
  operationId: 'listPartnerCertificates',
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(z.array(CertificateSchema), 'metadata, never keys') },
});
const complete = route({
  method: 'put',
  path: `${base}/{certId}`,
  summary: "complete a CSR with the partner's signed certificate",
  operationId: 'completePartnerCertificate',
  request: { params: CertParams, body: jsonBody(CompleteCsrSchema, "the partner's signed answer to our CSR") },
  responses: { 200: jsonContent(Created, 'activated') },
});
const rotate = route({
  method: 'post',
  path: `${base}/rotate`,
  summary: 'rotate our client certificate for a partner now',
  operationId: 'rotatePartnerCertificate',
  request: { params: IdParamSchema },
  responses: {
    202: jsonContent(
      z.object({ workflowId: z.string() }),
      'rotateNow sent (the rotation workflow is started if none runs)',
    ),
    409: {
      description:
        'no active client certificate, or one we cannot renew (not issued by our CA): the problem says which',
    },
  },
});
const peer = route({
  method: 'post',
  path: '/v1/admin/partners/{id}/peer-certificates',
  summary: 'register a certificate the partner presents to us',
  operationId: 'registerPeerCertificate',
  request: {
    params: IdParamSchema,
    body: jsonBody(PeerCertificateSchema, 'a certificate the partner presents when calling us'),
  },
  responses: { 201: jsonContent(CertificateSchema, 'registered') },
});

export function adminCertificateRoutes(deps: ApiDeps) {
  const partnerOf = async (id: string) =>
    (await findPartner(deps.db, id)) ?? Promise.reject(notFound('no such partner'));
  return createRouter()
    .openapi(create, async (c) => {
      const partner = await partnerOf(c.req.valid('param').id);
      const body = c.req.valid('json');
      if (body.mode === 'csr') {
        const { certificate, csrPem } = await startCsr(deps, partner, body.algorithm);
        return c.json({ ...certificateJson(certificate), workflowId: null, csrPem }, 201);
      }
      const certificate =
        body.mode === 'issue'
          ? await issueForPartner(deps, partner, body.algorithm)
          : await uploadForPartner(deps, partner, body);
      // Only certificates of our own CA can be renewed by us; uploaded ones are replaced by the operator.
      const workflowId =
        body.mode === 'issue' ? await launchCertificateRotation(deps, partner.id, certificate.id) : null;
      return c.json({ ...certificateJson(certificate), workflowId }, 201);
    })
    .openapi(list, async (c) => {
      const partner = await partnerOf(c.req.valid('param').id);
      return c.json((await listCertificates(deps.db, { partnerId: partner.id })).map(certificateJson), 200);
    })
    .openapi(complete, async (c) => {
      const { id, certId } = c.req.valid('param');
      const certificate = await completeCsr(deps, await partnerOf(id), certId, c.req.valid('json'));
      return c.json({ ...certificateJson(certificate), workflowId: null }, 200);
    })
    .openapi(rotate, async (c) => {
      const partner = await partnerOf(c.req.valid('param').id);
      return c.json({ workflowId: await rotateForPartner(deps, partner) }, 202);
    })
    .openapi(peer, async (c) => {
      const partner = await partnerOf(c.req.valid('param').id);
      return c.json(
        certificateJson(await registerPeerCertificate(deps, partner, c.req.valid('json').certificatePem)),
        201,
      );
    });
}
