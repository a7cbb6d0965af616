import { randomUUID } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { getAi, parseScan, requirePackIdentifiers } from '../../domain/gs1/index.js';
import type { ApiDeps } from '../deps.js';
import { companyOf } from '../middleware/require.js';
import { requireCompany } from '../middleware/requireCompany.js';
import { badRequest, Problem } from '../problem.js';
import { createRouter } from '../router.js';
import { bearerAuth as security, createRoute, jsonBody, jsonContent } from '../schemas/openapi.js';
import { parseVerifyRequest } from '../verification/request.js';
import { verifyPack } from '../verification/verifyService.js';

const Common = { corrUUID: z.string().optional(), gsSubstitute: z.string().min(1).max(8).optional() };
const Body = z
  .union([
    // No min length: an empty scan gets the parser's `empty` code like any other barcode problem.
    z.object({ barcode: z.string().max(500), ...Common }),
    z.object({ gtin: z.string(), serial: z.string(), lot: z.string(), exp: z.string(), ...Common }),
  ])
  .openapi('VerificationRequest');
const Pack = z
  .object({ gtin: z.string(), serial: z.string(), lot: z.string(), exp: z.string() })
  .openapi({ description: 'what was read from the scan (or sent), so a scan station can show it' });
const Answer = z.object({
  pack: Pack,
  verificationTimestamp: z.string(),
  responderGLN: z.string(),
  corrUUID: z.string(),
  reqGLN: z.string(),
  data: z.object({
    verified: z.boolean(),
    verificationFailureReason: z.string().optional(),
    additionalInfo: z.array(z.string()).optional(),
  }),
});

const route = createRoute({
  method: 'post',
  path: '/v1/verifications',
  summary: 'verify a pack from a raw barcode scan',
  operationId: 'verifyScan',
  tags: ['consumers'],
  security,
  middleware: [requireCompany()],
  request: {
    body: jsonBody(
      Body,
      'a raw scan (element string with GS or its substitute, bracketed form, Digital Link) or the four fields',
    ),
  },
  responses: { 200: jsonContent(Answer, 'the GS1 answer, with the reqGLN and corrUUID used') },
});

type Identifiers = { gtin: string; serial: string; lot: string; exp: string };

/** The four identifiers from a scan (400 with the gs1 error codes) or as sent. */
function identifiersOf(body: z.infer<typeof Body>, now: Date): Identifiers {
  if (!('barcode' in body)) return body;
  // Scanners end a scan with CR/LF; it is never part of the data.
  const scan = parseScan(body.barcode.replace(/[\r\n]+$/, ''), { now, gsSubstitute: body.gsSubstitute ?? '<GS>' });
  const pack = scan.ok ? requirePackIdentifiers(scan.value) : scan;
  if (!pack.ok) {
    const problem = badRequest(
      pack.error.map((e) => ({ path: 'barcode', ai: e.ai, code: e.code, position: e.position, message: e.message })),
    );
    if (!scan.ok) throw problem;
    // The barcode read but lacks an AI: say what it did hold, so a scan station can show it beside the gap.
    const read = (ai: string) => getAi(scan.value, ai)?.value;
    throw new Problem(problem.status, problem.title, problem.detail, {
      ...problem.extra,
      pack: { gtin: read('01'), serial: read('21'), lot: read('10'), exp: read('17') },
    });
  }
  return { gtin: pack.value.gtin, serial: pack.value.serial, lot: pack.value.lot, exp: pack.value.expiry };
}

/** Convenience for the scan page, devices and scripts: fills reqGLN and corrUUID, then verifies like GET /verify. */
export function verificationRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const startedAt = performance.now();
    const caller = companyOf(c.get('principal'));
    const body = c.req.valid('json');
    const ids = identifiersOf(body, deps.clock());
    const query: Record<string, string> = {
      exp: ids.exp,
      reqGLN: caller.company.gln,
      corrUUID: body.corrUUID ?? randomUUID(),
      linkType: 'verificationService',
      context: 'dscsaSaleableReturn',
    };
    const parsed = parseVerifyRequest(
      { gtin: ids.gtin, lot: ids.lot, ser: ids.serial, query: (n) => query[n] },
      deps.clock(),
    );
    // Named as in this body (serial, not the URL's ser).
    if (!parsed.ok) throw badRequest(parsed.errors.map((e) => ({ ...e, path: e.path === 'ser' ? 'serial' : e.path })));
    const channel = caller.deviceId ? 'device' : c.req.header('x-vrs-channel') === 'web' ? 'web' : 'api';
    const pack = { gtin: ids.gtin, serial: ids.serial, lot: ids.lot, exp: ids.exp };
    const { response: answer, atpPresentation } = await verifyPack(deps, parsed.value, {
      caller,
      channel,
      requestId: c.get('requestId') ?? null,
      startedAt,
      atpPresentation: c.req.header(deps.atp.header),
    }).catch((error: unknown) => {
      // A 404 or an unreachable partner still tells the scan station what it read.
      throw error instanceof Problem
        ? new Problem(error.status, error.title, error.detail, { ...error.extra, pack })
        : error;
    });
    const { verified, verificationFailureReason, additionalInfo } = answer.data;
    const data = {
      verified,
      ...(verificationFailureReason && { verificationFailureReason }),
      ...(additionalInfo && { additionalInfo: [...additionalInfo] }),
    };
    if (atpPresentation) c.header(deps.atp.header, atpPresentation);
    return c.json({ ...answer, reqGLN: parsed.value.reqGLN, data, pack }, 200);
  });
}
