import { sql, type Kysely } from 'kysely';

// How the last sync judged each source product, beside the product rather than in it: a first
// sync judges every product, and updating the wide source row (its JSON copied into every new
// row version) cost as much as the network insert itself. Only skipped and withdrawn products
// have a row: synced is read off the network row, anything else is pending.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table source_product_sync (
      company_id uuid not null references companies (id) on delete cascade,
      gtin char(14) not null,
      sync_state text not null,
      sync_reason text,
      primary key (company_id, gtin)
    )`.execute(db);
  await sql`insert into source_product_sync (company_id, gtin, sync_state, sync_reason)
    select company_id, gtin, sync_state, sync_reason from source_products where sync_state in ('skipped', 'withdrawn')`.execute(
    db,
  );
  await sql`alter table source_products drop column sync_state, drop column sync_reason`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table source_products add column sync_state text not null default 'pending', add column sync_reason text`.execute(
    db,
  );
  await sql`update source_products s set sync_state = p.sync_state, sync_reason = p.sync_reason
    from source_product_sync p where p.company_id = s.company_id and p.gtin = s.gtin`.execute(db);
  await sql`drop table source_product_sync`.execute(db);
}
