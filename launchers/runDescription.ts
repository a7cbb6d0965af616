import type { Kysely } from 'kysely';
import { findCompanyById, type Company } from '../db/repositories/companies.js';
import type { Partner } from '../db/repositories/partners.js';
import { findPartner } from '../db/repositories/partners.js';
import type { Database } from '../db/schema.js';
import { VrsCompanyName } from '../workflows/searchAttributes.js';

const KIND_TITLES = {
  masterDataSync: 'Master-data sync',
  serialBackfill: 'Serial backfill',
  serialUpdates: 'Serial updates',
  directoryPull: 'Directory pull',
  certificateRotation: 'Certificate rotation',
} as const;

export type DescribedKind = keyof typeof KIND_TITLES;

/** Whom a run works for: a company of this installation, or a partner VRS. */
export interface RunSubject {
  role: 'Company' | 'Partner';
  id: string;
  /** The name the operator knows; a placeholder when the row is gone. */
  name: string;
  /** GLN and the like, in words; absent when the row is gone. */
  facts?: string;
}

/**
 * What the Temporal UI shows for a run (its static summary and details, and the VrsCompanyName
 * search attribute), so an operator sees "Serial backfill for Acme Pharma" rather than an id.
 * Fixed at start: a company renamed later keeps the old name on runs already started.
 */
export function runDescription(subject: RunSubject, kind: DescribedKind, scope: string) {
  return {
    staticSummary: `${KIND_TITLES[kind]} for ${subject.name}`,
    staticDetails: [
      `**${subject.role}**: ${subject.name}${subject.facts ? ` (${subject.facts})` : ''}`,
      `**${subject.role} id**: ${subject.id}`,
      `**Kind**: ${KIND_TITLES[kind]} (${kind})`,
      `**Scope**: ${scope}`,
    ].join('\n\n'),
    companyName: { key: VrsCompanyName, value: subject.name },
  };
}

export async function companySubject(db: Kysely<Database>, companyId: string): Promise<RunSubject> {
  const company = await findCompanyById(db, companyId);
  return company ? subjectOfCompany(company) : { role: 'Company', id: companyId, name: `unknown company ${companyId}` };
}

/** The subject of a company the caller has read already. */
export const subjectOfCompany = (company: Company): RunSubject => ({
  role: 'Company',
  id: company.id,
  name: company.name,
  facts: `GLN ${company.gln}; ${company.roles.join(', ')}`,
});

export const partnerSubject = (partner: Pick<Partner, 'id' | 'name' | 'gln'>): RunSubject => ({
  role: 'Partner',
  id: partner.id,
  name: partner.name,
  facts: `GLN ${partner.gln}`,
});

export async function partnerSubjectById(db: Kysely<Database>, partnerId: string): Promise<RunSubject> {
  const partner = await findPartner(db, partnerId);
  return partner ? partnerSubject(partner) : { role: 'Partner', id: partnerId, name: `unknown partner ${partnerId}` };
}
