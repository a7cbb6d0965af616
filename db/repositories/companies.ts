import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { CompanyRow, InsertableCompanyRow } from '../tables/companies.js';

export type CompanyRole = 'producer' | 'consumer';

export interface Company {
  id: string;
  name: string;
  gln: string;
  roles: CompanyRole[];
  companyPrefixes: string[];
  timeZone: string;
  createdAt: Date;
}

export function companyRowToCompany(row: CompanyRow): Company {
  return {
    id: row.id,
    name: row.name,
    gln: row.gln,
    roles: row.roles as CompanyRole[],
    companyPrefixes: row.company_prefixes,
    timeZone: row.time_zone,
    createdAt: row.created_at,
  };
}

export async function insertCompany(db: Kysely<Database>, company: InsertableCompanyRow): Promise<Company> {
  const row = await db.insertInto('companies').values(company).returningAll().executeTakeFirstOrThrow();
  return companyRowToCompany(row);
}

export async function findCompanyById(db: Kysely<Database>, id: string): Promise<Company | undefined> {
  const row = await db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();
  return row && companyRowToCompany(row);
}

export async function findCompanyByGln(db: Kysely<Database>, gln: string): Promise<Company | undefined> {
  const row = await db.selectFrom('companies').selectAll().where('gln', '=', gln).executeTakeFirst();
  return row && companyRowToCompany(row);
}

export async function listCompanies(db: Kysely<Database>): Promise<Company[]> {
  const rows = await db.selectFrom('companies').selectAll().orderBy('created_at').execute();
  return rows.map(companyRowToCompany);
}

export async function updateCompany(
  db: Kysely<Database>,
  id: string,
  patch: { name?: string; timeZone?: string; companyPrefixes?: string[]; roles?: CompanyRole[] },
): Promise<Company | undefined> {
  const row = await db
    .updateTable('companies')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.timeZone !== undefined && { time_zone: patch.timeZone }),
      ...(patch.companyPrefixes !== undefined && { company_prefixes: patch.companyPrefixes }),
      ...(patch.roles !== undefined && { roles: patch.roles }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && companyRowToCompany(row);
}
