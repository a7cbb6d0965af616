import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { isValidGln } from '../../domain/gs1/gln.js';
import { isValidGtin14 } from '../../domain/gs1/gtin.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { badRequest, notFound, Problem, type FieldError } from '../problem.js';
import { checkConnectivityRoute, verifyRoute } from '../schemas/verify.js';
import { answerResponse } from '../verification/answerResponse.js';
import { verificationCaller } from '../verification/caller.js';
import { verifyGet, VERIFY_ROUTE } from '../verification/verifyGet.js';
import { checkConnectivity } from '../verification/checkConnectivity.js';

/** The OpenAPI description of the routes below, for the whole app's document. */
export function verifyDocs() {
  const docs = new OpenAPIHono<AppEnv>();
  docs.openAPIRegistry.registerPath(verifyRoute);
  docs.openAPIRegistry.registerPath(checkConnectivityRoute);
  return docs;
}

const methodNotAllowed = () => new Problem(405, 'Method Not Allowed', 'only GET and HEAD are allowed');

/**
 * The GS1 Lightweight Verification Messaging endpoints, spelled exactly as the standard, for our
 * consumers and producers here and for partners on the peer listener. Error order: 405, 401,
 * 400, 403, 404. Validated by hand (not by zod-openapi's validator) to keep that order; the
 * OpenAPI document gets their description from schemas/verify.ts (verifyDocs). HEAD is served by the GET
 * handlers (Hono drops the body).
 */
export function verifyRoutes(deps: ApiDeps) {
  const app = new Hono<AppEnv>();

  // `[^/]*` rather than the default `[^/]+`: an empty lot or ser is a 400 naming it, not a 404.
  app.get(VERIFY_ROUTE, async (c) => {
    const { body, headers } = await verifyGet(deps, {
      principal: c.get('principal'),
      gtin: c.req.param('gtin'),
      lot: c.req.param('lot'),
      ser: c.req.param('ser'),
      query: c.req.query(), // one parse of the URL; c.req.query(name) parses it again for every name
      header: (name) => c.req.header(name),
      requestId: c.get('requestId') ?? null,
    });
    return answerResponse(c, body, headers);
  });

  app.get('/checkConnectivity', async (c) => {
    const caller = verificationCaller(c.get('principal'));
    const gtin = c.req.query('gtin') ?? '';
    const reqGLN = c.req.query('reqGLN') ?? '';
    const errors: FieldError[] = [];
    if (!isValidGtin14(gtin))
      errors.push({ path: 'gtin', message: 'must be a 14-digit GTIN with a valid check digit' });
    if (!isValidGln(reqGLN))
      errors.push({ path: 'reqGLN', message: 'must be a 13-digit GLN with a valid check digit' });
    if (errors.length > 0) throw badRequest(errors);
    return answerResponse(c, {
      responderGLN: await checkConnectivity(deps, caller, gtin, reqGLN, c.get('requestId') ?? null),
    });
  });

  // HEAD reaches these as GET: a GET that matched no route above is an unknown path, not a bad method.
  app.all('/verify/*', (c) => {
    throw c.req.method === 'GET' ? notFound(`no route for ${c.req.path}`) : methodNotAllowed();
  });
  app.all('/checkConnectivity', () => {
    throw methodNotAllowed();
  });
  return app;
}
