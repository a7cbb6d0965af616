import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Carries a dry run's result out of the transaction it rolls back. */
class DryRunRollback<T> extends Error {
  constructor(readonly result: T) {
    super('dry run: rolled back');
  }
}

/**
 * Runs an upload in one transaction. A dry run does every read and write a real upload does,
 * so its report is exactly the real one (repeated rows, company prefixes, row errors), and
 * then rolls everything back: nothing is stored.
 */
export async function uploadTransaction<T>(
  db: Kysely<Database>,
  dryRun: boolean,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await work(trx);
      if (dryRun) throw new DryRunRollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result as T;
    throw error;
  }
}
