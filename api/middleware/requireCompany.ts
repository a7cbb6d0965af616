import { createMiddleware } from 'hono/factory';
import type { CompanyRole } from '../../db/repositories/companies.js';
import type { AppEnv } from '../env.js';
import { companyOf } from './require.js';

/**
 * Route middleware (createRoute's `middleware`) so 401/403 come before the body's 400: the
 * zod-openapi validators run after it. Handlers still call companyOf for the typed principal.
 */
export const requireCompany = (...roles: CompanyRole[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    companyOf(c.get('principal'), ...roles);
    await next();
  });
