import { getQueryParam } from 'hono/utils/url';
import type { ApiDeps } from './deps.js';
import { bearerToken, principalOf } from './middleware/authenticate.js';
import type { DatabaseOutage } from './middleware/databaseOutage.js';
import { problemBody, problemHeaders, problemOf } from './middleware/errors.js';
import { requestIdOf } from './middleware/requestId.js';
import { gs1Answer } from './verification/answerResponse.js';
import { VERIFY_ROUTE, verifyGet } from './verification/verifyGet.js';

// Matched on the path as Hono decodes it. A `%` left in it (an encoded `%`, `/` or `?`) takes Hono's
// way: c.req.param decodes such a parameter once more.
const VERIFY_PATH = /^\/verify\/gtin\/([^/%]*)\/lot\/([^/%]*)\/ser\/([^/%]*)$/;

/**
 * GET /verify with a bearer token, answered by one function instead of Hono's middleware chain,
 * whose promise jobs cost more than anything the middleware does for verify. It runs the same
 * steps on the same shared code as the chain would (request id, metrics, credential, verifyGet,
 * problem answers) and leaves everything else to Hono: other methods (HEAD), session cookies, a
 * path it does not take as is, and debug logging (the request log).
 */
export function verifyFastPath(deps: ApiDeps, outage: DatabaseOutage) {
  const toProblem = problemOf(deps.log, outage);
  const credentials = { credentials: deps.credentials, adminToken: deps.config.VRS_ADMIN_TOKEN };

  async function answer(request: Request, path: string, params: RegExpExecArray, token: string): Promise<Response> {
    const started = performance.now();
    const header = (name: string) => request.headers.get(name) ?? undefined;
    const requestId = requestIdOf(header('x-request-id'));
    let response: Response;
    // An error while the credential is resolved is the authenticate middleware's in Hono's chain,
    // whose request metrics then name that middleware's pattern.
    let route = '*';
    try {
      const principal = await principalOf(credentials, token);
      route = VERIFY_ROUTE;
      const { body, headers } = await verifyGet(deps, {
        principal,
        gtin: params[1],
        lot: params[2],
        ser: params[3],
        query: getQueryParam(request.url) as Record<string, string>, // as c.req.query() reads it
        header,
        requestId,
      });
      response = gs1Answer(body, requestId, header('gs1us-version'), headers);
    } catch (error) {
      const problem = toProblem(error as Error, { requestId, path });
      response = new Response(problemBody(problem, path), {
        status: problem.status,
        headers: { ...problemHeaders(problem), 'X-Request-Id': requestId },
      });
    }
    deps.metrics.requestAnswered('GET', route, response.status, started);
    return response;
  }

  /** The answer, or undefined when Hono is to answer the request. */
  return (request: Request, path: string): Promise<Response> | undefined => {
    if (request.method !== 'GET') return undefined;
    const params = VERIFY_PATH.exec(path);
    if (!params) return undefined;
    const token = bearerToken(request.headers.get('authorization') ?? undefined);
    if (!token || deps.log.isLevelEnabled('debug')) return undefined;
    return answer(request, path, params, token);
  };
}
