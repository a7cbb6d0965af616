import { createRoute as createZodRoute, z, type RouteConfig } from '@hono/zod-openapi';

/** Route-definition shorthands so every route file describes bodies and auth the same way. */
export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T, description: string) => ({
  ...jsonContent(schema, description),
  required: true,
});

export const bearerAuth = [{ bearer: [] }];

/** An RFC 9457 error answer (api/problem.ts), for the statuses a route documents. */
export const problemContent = (description: string) => ({
  content: {
    'application/problem+json': {
      schema: z.object({
        title: z.string(),
        status: z.number(),
        detail: z.string().optional(),
        errors: z.array(z.object({ path: z.string(), message: z.string() }).passthrough()).optional(),
      }),
    },
  },
  description,
});

const PROBLEM_MEANINGS: Record<number, string> = {
  400: 'a field, parameter or body is not valid: `errors` names each one',
  401: 'no bearer token, or one that is unknown or revoked (WWW-Authenticate: Bearer)',
  403: 'the credential may not do this (wrong role, another company, or the operator token where a company key is needed)',
  404: 'no such resource for this caller',
  409: 'the resource is in a state that does not allow this now: `detail` says which',
  413: 'the body is larger than the limit `detail` names',
  415: 'a Content-Type this operation does not take',
  422: 'well-formed but not usable: `errors` names the field',
  503: 'a service this needs (the database, or Temporal for syncs) is unreachable: retry after `Retry-After` seconds',
};

/** The problem answers of a route, described once: `...problems(400, 401, 403)` in `responses`. */
export const problems = (...statuses: (keyof typeof PROBLEM_MEANINGS)[]) =>
  Object.fromEntries(statuses.map((status) => [status, problemContent(PROBLEM_MEANINGS[status]!)])) as Record<
    number,
    ReturnType<typeof problemContent>
  >;

/**
 * createRoute with the problem answers every route of this shape can give (400 for any parameter
 * or body, 401 and 403 behind a token, 404 for a path naming a resource); a route's own entry for
 * a status wins. Handlers throw problems, never return them, so the typed answers stay the route's.
 */
export function createRoute<P extends string, R extends Omit<RouteConfig, 'path'> & { path: P }>(route: R) {
  const statuses: (keyof typeof PROBLEM_MEANINGS)[] = [];
  if (route.request && Object.keys(route.request).length > 0) statuses.push(400);
  if (route.security && route.security.length > 0) statuses.push(401, 403);
  if (route.path.includes('{')) statuses.push(404);
  return createZodRoute({ ...route, responses: { ...problems(...statuses), ...route.responses } } as R);
}
