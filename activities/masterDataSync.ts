import { ApplicationFailure } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import { ZodError } from 'zod';
import type { Config } from '../config.js';
import { findCompanyById } from '../db/repositories/companies.js';
import { getMasterDataRules } from '../db/repositories/masterDataRules.js';
import { countSourceProducts, nextSourceGtins, type GtinRange } from '../db/repositories/sourceProductPages.js';
import type { Database } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { analyzeIfGrown } from '../db/repositories/tableStatistics.js';
import { syncPage, type MasterDataSnapshot, type PageResult } from './masterDataPage.js';
import { heartbeating } from './heartbeating.js';
import type { Pacer } from './pacer.js';
import { ourVrs } from '../ourVrs.js';

export type { MasterDataCounts, MasterDataSnapshot, PageResult } from './masterDataPage.js';
export type { GtinRange } from '../db/repositories/sourceProductPages.js';

/** Activities of the masterDataSync workflow: thin, over the repositories; every one safe to retry. */
export const createMasterDataSyncActivities = (deps: {
  db: Kysely<Database>;
  log: Logger;
  config: Config;
  pacer: Pacer;
}) => ({
  /** The producer, its prefixes and rules as of now, and how many source products there are. */
  async openMasterDataSync(input: { companyId: string }): Promise<{ snapshot: MasterDataSnapshot; total: number }> {
    const company = await findCompanyById(deps.db, input.companyId);
    // Bad input, not a passing fault: retrying cannot make the company appear.
    if (!company) throw ApplicationFailure.nonRetryable(`company ${input.companyId} does not exist`, 'UnknownCompany');
    if (!company.roles.includes('producer'))
      throw ApplicationFailure.nonRetryable(`company ${company.id} is not a producer`, 'NotAProducer');
    let rules;
    try {
      rules = await getMasterDataRules(deps.db, company.id);
    } catch (error) {
      if (error instanceof ZodError)
        throw ApplicationFailure.nonRetryable(`stored master-data rules are invalid: ${error.message}`, 'InvalidRules');
      throw error;
    }
    const total = await countSourceProducts(deps.db, company.id);
    return {
      snapshot: { companyId: company.id, producerGln: company.gln, companyPrefixes: company.companyPrefixes, rules },
      total,
    };
  },

  /**
   * Cuts the next `pages * pageSize` source products into GTIN ranges of `pageSize`, read from
   * the primary key alone, so the workflow can sync several ranges at once.
   */
  async planMasterDataPages(input: {
    companyId: string;
    after: string | null;
    pageSize: number;
    pages: number;
  }): Promise<GtinRange[]> {
    const gtins = await nextSourceGtins(deps.db, input.companyId, input.after, input.pageSize * input.pages);
    const ranges: GtinRange[] = [];
    let after = input.after;
    for (let i = 0; i < gtins.length; i += input.pageSize) {
      const until = gtins[Math.min(i + input.pageSize, gtins.length) - 1]!;
      ranges.push({ after, until });
      after = until;
    }
    return ranges;
  },

  /** One page, a step of the pacer's: while verify is busy it takes turns with other heavy work. */
  async syncMasterDataPage(input: { snapshot: MasterDataSnapshot; range: GtinRange }): Promise<PageResult> {
    const result = await heartbeating(() =>
      deps.pacer.step(async () => {
        const page = await syncPage(deps.db, input.snapshot, input.range, ourVrs(deps.config));
        await analyzeIfGrown(deps.db, 'network_products', page.counts.synced);
        return page;
      }),
    );
    deps.log.debug(
      { companyId: input.snapshot.companyId, range: input.range, counts: result.counts },
      'master-data page synced',
    );
    return result;
  },
});
