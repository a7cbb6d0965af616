import { ApplicationFailure } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  applyPulledPage,
  CursorMovedError,
  finishDirectoryPull,
  openDirectoryPull,
  partnerPullPosition,
} from '../db/repositories/directoryPulls.js';
import { findPartner } from '../db/repositories/partners.js';
import type { Database } from '../db/schema.js';
import {
  formatPullPosition,
  nextPullPosition,
  parsePullPosition,
  partnerDirectoryUrl,
  pullPageUrl,
} from '../domain/directory/pullPosition.js';
import { validateDirectoryRecord, type DirectoryRecord } from '../domain/directory/record.js';
import type { Logger } from '../logger.js';
import type { PeerClient } from '../peers/peerClient.js';
import { PeerRequestError } from '../peers/peerErrors.js';

/** Directory pages are far larger than a verification answer: 500 records run to about 200 KB. */
export const MAX_DIRECTORY_PAGE_BYTES = 4 * 1024 * 1024;
// One page request, connection included; a slower partner is retried with backoff.
const PAGE_TIMEOUT_MS = 30_000;

export interface PageResult {
  received: number;
  stored: number;
  ended: number;
  rejected: number;
  conflicts: number;
  /** The partner has more pages after this one. */
  more: boolean;
}

/** Records per page asked of the partner: `GET /v1/lookup-directory` allows up to 1,000. */
export const PULL_PAGE_SIZE = 500;

// The page as `GET /v1/lookup-directory` answers it; records are judged one by one afterwards.
const pageSchema = z.object({ records: z.array(z.unknown()), nextCursor: z.string().min(1).nullable() });

const nonRetryable = (message: string, type: string) => ApplicationFailure.nonRetryable(message, type);

/** Activities of the directoryPull workflow: thin, over the repositories; each page is one transaction. */
export const createDirectoryPullActivities = (deps: { db: Kysely<Database>; log: Logger; peers: PeerClient }) => ({
  /** The pull's row (found again on a retry), or null when the partner is gone or pulls nothing. */
  async openDirectoryPull(input: {
    partnerId: string;
    workflowId: string;
    runId: string;
  }): Promise<{ pullId: string } | null> {
    const partner = await findPartner(deps.db, input.partnerId);
    if (!partner || !partner.pullDirectory) return null;
    // This process hears no certificate notifications: re-read the partner's certificate once per
    // pull (an unchanged one keeps its pool).
    deps.peers.invalidate();
    return { pullId: await openDirectoryPull(deps.db, input) };
  },

  /**
   * Asks the partner for the page after its committed position, validates it, and stores it with
   * the new position. A peer that is down or answers 5xx is retried; a refusal (4xx) or a body
   * that is not a directory page fails the pull for an operator to look at.
   */
  async pullDirectoryPage(input: { partnerId: string; pullId: string }): Promise<PageResult> {
    const [partner, stored] = await Promise.all([
      findPartner(deps.db, input.partnerId),
      partnerPullPosition(deps.db, input.partnerId),
    ]);
    if (!partner || !stored) throw nonRetryable(`partner ${input.partnerId} no longer exists`, 'UnknownPartner');
    const from = parsePullPosition(stored.position);
    const url = pullPageUrl(partnerDirectoryUrl(partner), from, PULL_PAGE_SIZE);
    const answer = await getPage(deps.peers, partner.id, url);
    if (answer.status >= 500 || answer.status === 429)
      throw new Error(`partner ${partner.name} answered ${answer.status} for its Lookup Directory`);
    if (answer.status !== 200)
      throw nonRetryable(
        `partner ${partner.name} refused the Lookup Directory request with ${answer.status}: ${answer.body.slice(0, 300)}`,
        'PartnerRefused',
      );
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      throw nonRetryable(
        `partner ${partner.name} answered its Lookup Directory with a body that is not JSON`,
        'BadDirectoryPage',
      );
    }
    const page = pageSchema.safeParse(body);
    if (!page.success)
      throw nonRetryable(
        `partner ${partner.name}'s Lookup Directory page is not {records, nextCursor}: ${page.error.issues[0]?.message}`,
        'BadDirectoryPage',
      );

    const records: DirectoryRecord[] = [];
    const updatedAt: string[] = [];
    let rejected = 0;
    for (const [index, raw] of page.data.records.entries()) {
      const record = validateDirectoryRecord(raw);
      // A bad record is skipped and counted, never stored in part; the rest of the page loads.
      if (!record.ok) {
        rejected++;
        deps.log.warn({ partnerId: partner.id, index, errors: record.error }, 'pulled directory record rejected');
      } else records.push(record.value);
      const u = (raw as { updatedAt?: unknown } | null)?.updatedAt;
      if (typeof u === 'string' && !Number.isNaN(Date.parse(u))) updatedAt.push(u);
    }
    const to = nextPullPosition(from, { nextCursor: page.data.nextCursor, updatedAt });
    try {
      const counts = await applyPulledPage(deps.db, {
        pullId: input.pullId,
        partner: { partnerId: partner.id, vrsName: partner.name, verificationUrl: partner.baseUrl },
        from: stored.position,
        to: formatPullPosition(to),
        records,
        rejected,
        now: new Date(),
      });
      return { received: page.data.records.length, rejected, ...counts, more: page.data.nextCursor !== null };
    } catch (error) {
      // Retried: the next attempt reads the position the other pull left.
      if (error instanceof CursorMovedError) throw new Error(error.message);
      throw error;
    }
  },

  async finishDirectoryPull(input: { pullId: string; outcome: 'completed' | 'failed'; error?: string }): Promise<void> {
    await finishDirectoryPull(deps.db, input.pullId, input.outcome, input.error ?? null);
  },
});

/** The page over mutual TLS; a partner we cannot talk to at all (no certificate, a page too large) is not retried. */
async function getPage(peers: PeerClient, partnerId: string, url: string): Promise<{ status: number; body: string }> {
  try {
    return await peers.get(partnerId, url, { timeoutMs: PAGE_TIMEOUT_MS });
  } catch (error) {
    if (error instanceof PeerRequestError && (error.kind === 'unconfigured' || error.kind === 'too_large'))
      throw nonRetryable(error.message, 'PeerUnusable');
    throw error;
  }
}
