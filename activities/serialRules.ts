import { ApplicationFailure } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import { ZodError } from 'zod';
import { getSerialRules } from '../db/repositories/serialRules.js';
import type { Database } from '../db/schema.js';
import type { SerialRules } from '../domain/serials/rules.js';

/** The producer's serial rules; invalid stored rules fail the activity for good (a retry reads the same). */
export async function readRules(db: Kysely<Database>, companyId: string): Promise<SerialRules> {
  try {
    return await getSerialRules(db, companyId);
  } catch (error) {
    if (error instanceof ZodError)
      throw ApplicationFailure.nonRetryable(`stored serial rules are invalid: ${error.message}`, 'InvalidRules');
    throw error;
  }
}
