import type { Kysely } from 'kysely';
import { insertApiKey } from '../../db/repositories/apiKeys.js';
import { insertCompany, type Company, type CompanyRole } from '../../db/repositories/companies.js';
import type { Database } from '../../db/schema.js';
import { generateToken } from '../auth/tokens.js';

export interface NewCompany {
  name: string;
  gln: string;
  roles: CompanyRole[];
  companyPrefixes?: string[] | undefined;
  timeZone?: string | undefined;
}

export interface IssuedKey {
  id: string;
  apiKey: string;
  createdAt: Date;
}

/** Issues a key; only its hash is stored, so the caller shows the key once. */
export async function issueApiKey(db: Kysely<Database>, companyId: string, deviceId?: string): Promise<IssuedKey> {
  const { token, prefix, hash } = generateToken();
  const row = await insertApiKey(db, { companyId, prefix, keyHash: hash, ...(deviceId && { deviceId }) });
  return { id: row.id, apiKey: token, createdAt: row.createdAt };
}

export async function createCompanyWithKey(
  db: Kysely<Database>,
  input: NewCompany,
): Promise<{ company: Company; key: IssuedKey }> {
  return db.transaction().execute(async (trx) => {
    const company = await insertCompany(trx, {
      name: input.name,
      gln: input.gln,
      roles: [...new Set(input.roles)],
      ...(input.companyPrefixes && { company_prefixes: input.companyPrefixes }),
      ...(input.timeZone && { time_zone: input.timeZone }),
    });
    return { company, key: await issueApiKey(trx, company.id) };
  });
}
