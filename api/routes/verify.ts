import { Hono } from 'hono';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { badRequest, notFound, Problem } from '../problem.js';
import { verificationCaller } from '../verification/caller.js';
import { parseVerifyRequest } from '../verification/request.js';
import { verifyPack } from '../verification/verifyService.js';
import { isValidGln } from '../../domain/gs1/gln.js';
import { isValidGtin14 } from '../../domain/gs1/gtin.js';

const GS1US_VERSION = '1.3.0';
const ANSWER_HEADERS = { 'Cache-Control': 'private, no-cache', 'GS1US-Version': GS1US_VERSION };
const methodNotAllowed = () => new Problem(405, 'Method Not Allowed', 'only GET and HEAD are allowed', {});

/**
 * The GS1 Lightweight Verification Messaging endpoints, spelled exactly as the standard.
 * Error order: 405, 401, 400, 403, 404.
 */
export function verifyRoutes(deps: ApiDeps) {
  const app = new Hono<AppEnv>();
  app.get('/verify/gtin/:gtin/lot/:lot/ser/:ser', async (c) => {
    const startedAt = performance.now();
    const caller = verificationCaller(c.get('principal'));
    const parsed = parseVerifyRequest({ gtin: c.req.param('gtin'), lot: c.req.param('lot'), ser: c.req.param('ser'), query: (n) => c.req.query(n) }, deps.clock());
    if (!parsed.ok) throw badRequest(parsed.errors);
    const channel = caller.kind === 'peer' ? 'peer' : caller.deviceId ? 'device' : 'api';
    const answer = await verifyPack(deps, parsed.value, { caller, channel, requestId: c.get('requestId') ?? null, startedAt });
    return c.json(answer, 200, ANSWER_HEADERS);
  });

  app.get('/checkConnectivity', async (c) => {
    verificationCaller(c.get('principal'));
    const gtin = c.req.query('gtin') ?? '';
    const reqGLN = c.req.query('reqGLN') ?? '';
    const errors = [
      ...(isValidGtin14(gtin) ? [] : [{ path: 'gtin', message: 'must be a 14-digit GTIN with a valid check digit' }]),
      ...(isValidGln(reqGLN) ? [] : [{ path: 'reqGLN', message: 'must be a 13-digit GLN with a valid check digit' }]),
    ];
    if (errors.length) throw badRequest(errors);
    const owner = await deps.productOwners.ownerOf(gtin);
    if (!owner) throw notFound(`GTIN ${gtin} is not answered by this VRS`);
    return c.json({ responderGLN: owner.producerGln }, 200, ANSWER_HEADERS);
  });

  app.all('/verify/*', () => {
    throw methodNotAllowed();
  });
  app.all('/checkConnectivity', () => {
    throw methodNotAllowed();
  });
  return app;
}
