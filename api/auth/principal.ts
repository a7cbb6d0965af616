import type { Company } from '../../db/repositories/companies.js';

/** Who is calling: the operator, a company (by API key or registered device), or an external VRS peer. */
export type Principal =
  | { kind: 'operator' }
  | { kind: 'company'; company: Company; keyId: string; deviceId: string | null }
  | { kind: 'peer'; partnerId: string; partnerGln: string; atpHeader?: string | null };

export type CompanyPrincipal = Extract<Principal, { kind: 'company' }>;
