import { createMiddleware } from 'hono/factory';
import type { CompanyRole } from '../../db/repositories/companies.js';
import type { CompanyPrincipal } from '../auth/principal.js';
import type { AppEnv } from '../env.js';
import { forbidden, unauthorized } from '../problem.js';

export const requireOperator = createMiddleware<AppEnv>(async (c, next) => {
  const principal = c.get('principal');
  if (!principal) throw unauthorized();
  if (principal.kind !== 'operator') throw forbidden('operator token required');
  await next();
});

/** The calling company, or 401/403; with roles, the company must hold one of them. */
export function companyOf(principal: AppEnv['Variables']['principal'], ...roles: CompanyRole[]): CompanyPrincipal {
  if (!principal) throw unauthorized();
  if (principal.kind !== 'company') throw forbidden('a company API key is required');
  if (roles.length > 0 && !roles.some((r) => principal.company.roles.includes(r))) {
    throw forbidden(`requires the ${roles.join(' or ')} role`);
  }
  return principal;
}
