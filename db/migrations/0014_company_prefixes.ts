import { sql, type Kysely } from 'kysely';

// A GS1 company prefix belongs to one company, so a GTIN maps to exactly one producer. The
// registry holds each company's prefixes as ranges of the 12 digits after a GTIN-14's indicator
// (0312345 covers 031234500000-031234599999), and the exclusion constraint refuses any two that
// share a GTIN: equal prefixes and prefixes of each other alike. It is the table's only key, so
// every refusal is one exclusion_violation. companies.company_prefixes stays what the operator
// wrote; a trigger keeps the registry in step, so every path that writes it is checked, and of
// two racing claims the second fails on the constraint.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table company_prefixes (
      prefix text not null check (prefix ~ '^[0-9]{6,12}$'),
      company_id uuid not null references companies (id) on delete cascade,
      gtins int8range not null generated always as (
        int8range(rpad(prefix, 12, '0')::bigint, rpad(prefix, 12, '0')::bigint + power(10::numeric, 12 - length(prefix))::bigint)) stored,
      constraint company_prefixes_one_owner exclude using gist (gtins with &&)
    )`.execute(db);
  await sql`create index company_prefixes_company_idx on company_prefixes (company_id)`.execute(db);

  // A company's own nested prefixes (0312345 and 03123456) are one claim: only the shortest is registered.
  await sql`create function company_prefix_claims(prefixes text[]) returns setof text language sql immutable as $$
      select distinct p from unnest(prefixes) p
      where not exists (select 1 from unnest(prefixes) q where q <> p and starts_with(p, q))
    $$`.execute(db);
  await sql`create function companies_claim_prefixes() returns trigger language plpgsql as $$
      begin
        delete from company_prefixes where company_id = new.id;
        insert into company_prefixes (prefix, company_id) select p, new.id from company_prefix_claims(new.company_prefixes) p;
        return null;
      end
    $$`.execute(db);

  // Existing installations may hold overlapping prefixes already: the first company to register
  // keeps the prefix, later claims stay in their company's list unregistered (listed by
  // GET /v1/admin/conflicts) until the operator resolves them, and can no longer be written anew.
  await sql`do $$
      declare c record;
      begin
        for c in select id, company_prefixes from companies order by created_at, id loop
          insert into company_prefixes (prefix, company_id)
          select p, c.id from company_prefix_claims(c.company_prefixes) p
          where not exists (select 1 from company_prefixes r where starts_with(p, r.prefix) or starts_with(r.prefix, p));
        end loop;
      end
    $$`.execute(db);
  await sql`create trigger companies_claim_prefixes after insert or update of company_prefixes on companies
      for each row execute function companies_claim_prefixes()`.execute(db);

  // GET /v1/admin/conflicts walks GTINs claimed by more than one company in GTIN order.
  await sql`create index source_products_gtin_idx on source_products (gtin, company_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index source_products_gtin_idx`.execute(db);
  await sql`drop trigger companies_claim_prefixes on companies`.execute(db);
  await sql`drop function companies_claim_prefixes(), company_prefix_claims(text[])`.execute(db);
  await sql`drop table company_prefixes`.execute(db);
}
