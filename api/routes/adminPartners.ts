import { z } from '@hono/zod-openapi';
import { isUniqueViolation } from '../../db/errors.js';
import type { DirectoryPull } from '../../db/repositories/directoryPulls.js';
import {
  findPartner,
  insertPartner,
  listPartners,
  updatePartner,
  type Partner,
} from '../../db/repositories/partners.js';
import { partnerDirectoryStatuses } from '../../db/repositories/partnerStatus.js';
import type { MasterKey } from '../../domain/certificates/index.js';
import { openExtraHeaders, sealExtraHeaders } from '../../peers/extraHeaders.js';
import type { ApiDeps } from '../deps.js';
import { ensureDirectoryPullSchedule, pullSchedulingOf, triggerDirectoryPull } from '../../launchers/directoryPull.js';
import { conflict, notFound } from '../problem.js';
import { createRouter } from '../router.js';
import { IdParamSchema } from '../schemas/companies.js';
import { bearerAuth as security, createRoute, jsonBody, jsonContent } from '../schemas/openapi.js';
import {
  CreatePartnerSchema,
  PartnerSchema,
  PartnerStatusSchema,
  PartnerTestReportSchema,
  PartnerTestSchema,
  UpdatePartnerSchema,
} from '../schemas/partners.js';
import { testPartner } from '../partners/partnerOnboarding.js';

const partnerJson = async (master: MasterKey, p: Partner): Promise<z.infer<typeof PartnerSchema>> => ({
  id: p.id,
  name: p.name,
  gln: p.gln,
  baseUrl: p.baseUrl,
  directoryUrl: p.directoryUrl,
  proxyUrl: p.proxyUrl,
  extraHeaderNames: Object.keys(await openExtraHeaders(master, p.sealedExtraHeaders)),
  pullDirectory: p.pullDirectory,
  pullIntervalMinutes: p.pullIntervalMinutes,
  atpHeader: p.atpHeader,
  createdAt: p.createdAt.toISOString(),
});

const pullJson = (p: DirectoryPull | null) =>
  p && {
    startedAt: p.startedAt.toISOString(),
    finishedAt: p.finishedAt?.toISOString() ?? null,
    outcome: p.outcome,
    records: p.records,
    ended: p.ended,
    rejected: p.rejected,
    conflicts: p.conflicts,
    error: p.error,
  };

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ tags: ['operators'], security, ...r });
const create = route({
  method: 'post',
  path: '/v1/admin/partners',
  summary: 'register a partner VRS',
  operationId: 'createPartner',
  request: { body: jsonBody(CreatePartnerSchema, 'an external VRS provider') },
  responses: { 201: jsonContent(PartnerSchema, 'created; its directory pull schedule too') },
});
const list = route({
  method: 'get',
  path: '/v1/admin/partners',
  summary: 'list partners with their directory, circuit and certificate status',
  operationId: 'listPartners',
  responses: {
    200: jsonContent(z.array(PartnerStatusSchema), 'all partners with their directory, circuit and certificate status'),
  },
});
const update = route({
  method: 'patch',
  path: '/v1/admin/partners/{id}',
  summary: 'change a partner',
  operationId: 'updatePartner',
  request: { params: IdParamSchema, body: jsonBody(UpdatePartnerSchema, 'the fields to change') },
  responses: { 200: jsonContent(PartnerSchema, 'the partner as changed; its pull schedule follows') },
});
const pull = route({
  method: 'post',
  path: '/v1/admin/partners/{id}/pull',
  summary: "pull a partner's Lookup Directory now",
  operationId: 'pullPartnerDirectory',
  request: { params: IdParamSchema },
  responses: {
    202: jsonContent(
      z.object({ scheduleId: z.string() }),
      "the partner's schedule was triggered (nothing new starts while a pull runs)",
    ),
  },
});

const probe = route({
  method: 'post',
  path: '/v1/admin/partners/{id}/test',
  summary: 'check the connection to a partner step by step',
  operationId: 'testPartner',
  request: {
    params: IdParamSchema,
    body: { ...jsonBody(PartnerTestSchema, 'an optional sample pack'), required: false },
  },
  responses: {
    200: jsonContent(
      PartnerTestReportSchema,
      'each step timed; a failed step says why in plain words and the later ones do not run',
    ),
  },
});

export function adminPartnerRoutes(deps: ApiDeps) {
  const { master } = deps.installation;
  const scheduling = pullSchedulingOf(deps);
  // The partner row is the truth; a schedule Temporal could not take now is made again at the
  // next worker start or pull request, so the operator's change is not refused for it.
  const schedule = async (partner: Partner) => {
    try {
      await ensureDirectoryPullSchedule(scheduling, partner);
    } catch (error) {
      deps.log.error(
        { err: error, partnerId: partner.id },
        'directory pull schedule not updated; the next worker start or pull request makes it',
      );
    }
  };
  return createRouter()
    .openapi(create, async (c) => {
      const { extraHeaders, ...body } = c.req.valid('json');
      let partner: Partner;
      try {
        const sealedExtraHeaders = extraHeaders ? await sealExtraHeaders(master, extraHeaders) : null;
        partner = await insertPartner(deps.db, {
          ...body,
          directoryUrl: body.directoryUrl ?? null,
          proxyUrl: body.proxyUrl ?? null,
          atpHeader: body.atpHeader ?? null,
          sealedExtraHeaders,
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict(`a partner with GLN ${body.gln} already exists`);
        throw error;
      }
      await schedule(partner);
      return c.json(await partnerJson(master, partner), 201);
    })
    .openapi(list, async (c) => {
      const [partners, statusOf] = await Promise.all([
        listPartners(deps.db),
        partnerDirectoryStatuses(deps.db, new Date()),
      ]);
      const body = await Promise.all(
        partners.map(async (p) => {
          const s = statusOf(p.id);
          return {
            ...(await partnerJson(master, p)),
            directory: {
              records: s.records,
              conflicts: s.conflicts,
              lastPull: pullJson(s.lastPull),
              lastUpload: pullJson(s.lastUpload),
            },
            circuit: deps.circuits.stateOf(p.id).state,
            clientCertificate: s.clientCertificate && {
              id: s.clientCertificate.id,
              notAfter: s.clientCertificate.notAfter?.toISOString() ?? null,
            },
          };
        }),
      );
      return c.json(body, 200);
    })
    .openapi(update, async (c) => {
      const { extraHeaders, ...changes } = c.req.valid('json');
      const sealedExtraHeaders = extraHeaders === undefined ? undefined : await sealExtraHeaders(master, extraHeaders);
      const partner = await updatePartner(deps.db, c.req.valid('param').id, {
        ...changes,
        ...(sealedExtraHeaders !== undefined && { sealedExtraHeaders }),
      });
      if (!partner) throw notFound('no such partner');
      await schedule(partner);
      return c.json(await partnerJson(master, partner), 200);
    })
    .openapi(pull, async (c) => {
      const partner = await findPartner(deps.db, c.req.valid('param').id);
      if (!partner) throw notFound('no such partner');
      if (!partner.pullDirectory)
        throw conflict(
          'directory pulls are switched off for this partner (pullDirectory false): it sends its directory as uploads',
        );
      return c.json({ scheduleId: await triggerDirectoryPull(scheduling, partner) }, 202);
    })
    .openapi(probe, async (c) => {
      const partner = await findPartner(deps.db, c.req.valid('param').id);
      if (!partner) throw notFound('no such partner');
      const steps = await testPartner(deps, partner, c.req.valid('json') ?? {});
      return c.json({ partnerId: partner.id, ok: steps.every((s) => s.ok !== false), steps }, 200);
    });
}
