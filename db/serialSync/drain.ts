import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { SerialRules } from '../../domain/serials/rules.js';
import { recordCatchUp } from './catchUp.js';
import { inTransaction, withClient } from './rawClient.js';
import { companyLock, ensureSerialTable } from './serialTables.js';
import { MAX_SEQ_SPAN, serialStatesSql } from './stateQuery.js';
import { transferBatch, withTransferClients } from './transfer.js';
import { holdLease, releaseLease, takeQueued } from './updateQueue.js';

export interface DrainResult {
  /** Serials whose state was recomputed. */
  rows: number;
  selected: number;
  removed: number;
  /** Ranges arrived after the lease was released: drain again without waiting for a wake-up. */
  more: boolean;
}

// A drain runs at most this long per call, so the workflow records progress and sees a cancel.
const BUDGET_MS = 1_000;
// An empty queue is looked at again for this long before the lease goes: at a steady trickle of
// uploads the drain keeps going rather than waiting to be woken for each.
const IDLE_MS = 50;
const POLL_MS = 5;
// Longer than any drain call, so uploads never wake a busy workflow; short enough that a worker
// that died holding it is woken again soon after.
const LEASE_MS = 10_000;
// Queued ranges per transaction (each an upload's worth, or part of one), up to MAX_SEQ_SPAN seqs.
const TAKE = 1_000;

/**
 * Drains the producer's queue under its lease: takes what uploads queued, recomputes every serial
 * those events touch from all of its events and merges the states into the producer's table
 * (newest event wins), one transaction per take, the same ranges again being harmless. While a
 * backfill's load is under way the ranges are also recorded for its swap. `keepLease`: the
 * workflow continues as new next, and uploads must not wake it meanwhile.
 */
export async function drainSerialQueue(
  pool: pg.Pool,
  input: { companyId: string; keepLease: boolean },
  rules: SerialRules,
): Promise<DrainResult> {
  const { companyId } = input;
  const result: DrainResult = { rows: 0, selected: 0, removed: 0, more: false };
  await withTransferClients(pool, async (clients) => {
    const { target } = clients;
    const table = await ensureSerialTable(target, companyId);
    const started = Date.now();
    let leased = started;
    let idleSince: number | undefined;
    await holdLease(target, companyId, LEASE_MS);
    while (Date.now() - started < BUDGET_MS) {
      const applied = await inTransaction(target, async () => {
        await target.query(companyLock('shared'), [companyId]);
        const seqRanges = await takeQueued(target, companyId, TAKE, MAX_SEQ_SPAN);
        // With serial sync off, what was queued is dropped: the next backfill covers it.
        if (seqRanges.length === 0 || !rules.enabled)
          return { taken: seqRanges.length, rows: 0, selected: 0, removed: 0 };
        const merged = await transferBatch(
          clients,
          serialStatesSql({ kind: 'events', companyId, seqRanges }, rules),
          table,
        );
        await recordCatchUp(target, companyId, seqRanges);
        return { taken: seqRanges.length, ...merged };
      });
      result.rows += applied.rows;
      result.selected += applied.selected;
      result.removed += applied.removed;
      if (applied.taken > 0) idleSince = undefined;
      else if (Date.now() - (idleSince ??= Date.now()) >= IDLE_MS) break;
      else await sleep(POLL_MS);
      if (Date.now() - leased > LEASE_MS / 2) {
        await holdLease(target, companyId, LEASE_MS);
        leased = Date.now();
      }
    }
    if (!input.keepLease) result.more = await releaseLease(target, companyId);
  });
  return result;
}

/** Lets the lease go when the workflow stops (a cancel), so the next upload wakes a new run. */
export async function releaseDrainLease(pool: pg.Pool, companyId: string): Promise<void> {
  await withClient(pool, (client) => releaseLease(client, companyId));
}
