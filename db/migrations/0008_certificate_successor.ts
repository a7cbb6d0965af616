import type { Kysely } from 'kysely';

// At most one successor per certificate: a retried issueSuccessor can never mint two.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('certificates_predecessor_uq')
    .on('certificates')
    .column('predecessor_id')
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('certificates_predecessor_uq').execute();
}
