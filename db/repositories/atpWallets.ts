import type { Kysely } from 'kysely';
import type { AtpWallet } from '../../domain/atp/policy.js';
import type { Database } from '../schema.js';
import type { AtpWalletRow } from '../tables/atp.js';

/** A company's wallet settings as stored: the secret still sealed. */
export type StoredAtpWallet = Omit<AtpWallet, 'secret'> & { sealedSecret: string };

const toWallet = (row: AtpWalletRow): StoredAtpWallet => ({
  companyId: row.company_id,
  baseUrl: row.base_url,
  authKind: row.auth_kind,
  tokenUrl: row.token_url,
  clientId: row.client_id,
  apiKeyHeader: row.api_key_header,
  sealedSecret: row.sealed_secret,
  generatePath: row.generate_path,
  verifyPath: row.verify_path,
  holderDidField: row.holder_did_field,
  did: row.did,
  outgoing: row.outgoing_policy,
  incoming: row.incoming_policy,
  updatedAt: row.updated_at,
});

export async function findAtpWallet(db: Kysely<Database>, companyId: string): Promise<StoredAtpWallet | undefined> {
  const row = await db.selectFrom('atp_wallets').selectAll().where('company_id', '=', companyId).executeTakeFirst();
  return row && toWallet(row);
}

/** Creates or replaces the company's wallet settings. */
export async function putAtpWallet(
  db: Kysely<Database>,
  w: Omit<StoredAtpWallet, 'updatedAt'>,
): Promise<StoredAtpWallet> {
  const values = {
    company_id: w.companyId,
    base_url: w.baseUrl,
    auth_kind: w.authKind,
    token_url: w.tokenUrl,
    client_id: w.clientId,
    api_key_header: w.apiKeyHeader,
    sealed_secret: w.sealedSecret,
    generate_path: w.generatePath,
    verify_path: w.verifyPath,
    holder_did_field: w.holderDidField,
    did: w.did,
    outgoing_policy: w.outgoing,
    incoming_policy: w.incoming,
    updated_at: new Date(),
  };
  const { company_id: _key, ...changes } = values;
  const row = await db
    .insertInto('atp_wallets')
    .values(values)
    .onConflict((oc) => oc.column('company_id').doUpdateSet(changes))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toWallet(row);
}

/** true when there was one to delete. */
export async function deleteAtpWallet(db: Kysely<Database>, companyId: string): Promise<boolean> {
  const result = await db.deleteFrom('atp_wallets').where('company_id', '=', companyId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
