import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { findCompanyById, type Company } from '../../db/repositories/companies.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { ownBodyLimit } from '../middleware/jsonBodyLimit.js';
import { companyOf } from '../middleware/require.js';
import { bearerAuth as security, jsonContent } from '../schemas/openapi.js';
import { parserFor, streamedBody, uploadReportSchema } from './uploadContent.js';

/** A producer upload's POST route: a streamed body in one of `bodies` (type -> description), answered with a per-row report. */
export function uploadRoute(options: { path: string; reportName: string; accepted: string; bodies: Record<string, string>; answer: string }) {
  const content = Object.fromEntries(Object.entries(options.bodies).map(([type, description]) => [type, streamedBody(description)]));
  return createRoute({
    method: 'post',
    path: options.path,
    tags: ['producers'],
    security,
    middleware: [ownBodyLimit] as const,
    request: { body: { required: true, content } },
    responses: { 200: jsonContent(uploadReportSchema(options.reportName, options.accepted), options.answer) },
  });
}

/**
 * Who uploads (a producer, read fresh: the credential cache may hold the company, and its
 * prefixes, for a few seconds) and the parser for the body's Content-Type (415 otherwise).
 */
export async function uploadOf<P>(c: Context<AppEnv>, deps: Pick<ApiDeps, 'db'>, parsers: Readonly<Record<string, P>>): Promise<{ company: Company; essence: string; parser: P }> {
  const { company: caller } = companyOf(c.get('principal'), 'producer');
  const { essence, parser } = parserFor(c.req.header('content-type'), parsers, Object.keys(parsers).filter((t) => t !== 'text/xml').join(', '));
  const company = (await findCompanyById(deps.db, caller.id)) ?? caller;
  return { company, essence, parser };
}
