import type { Kysely } from 'kysely';
import { findCompanyById } from '../db/repositories/companies.js';
import type { Database } from '../db/schema.js';
import { VrsCompanyName } from '../workflows/searchAttributes.js';

const KIND_TITLES = {
  masterDataSync: 'Master-data sync',
  serialBackfill: 'Serial backfill',
  serialUpdates: 'Serial updates',
} as const;

export type DescribedKind = keyof typeof KIND_TITLES;

/**
 * What the Temporal UI shows for a run (its static summary and details, and the VrsCompanyName
 * search attribute), so an operator sees "Serial backfill for Acme Pharma" rather than an id.
 * Fixed at start: a company renamed later keeps the old name on runs already started.
 */
export async function runDescription(db: Kysely<Database>, companyId: string, kind: DescribedKind, scope: string) {
  const company = await findCompanyById(db, companyId);
  const name = company?.name ?? `unknown company ${companyId}`;
  return {
    staticSummary: `${KIND_TITLES[kind]} for ${name}`,
    staticDetails: [
      `**Company**: ${name}${company ? ` (GLN ${company.gln}; ${company.roles.join(', ')})` : ''}`,
      `**Company id**: ${companyId}`,
      `**Kind**: ${KIND_TITLES[kind]} (${kind})`,
      `**Scope**: ${scope}`,
    ].join('\n\n'),
    companyName: { key: VrsCompanyName, value: name },
  };
}
