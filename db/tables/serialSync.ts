import type { ColumnType, Generated } from 'kysely';

/** A producer's serial backfill under way (db/serialSync/load.ts): one at a time per producer. */
export interface SerialLoadsTable {
  company_id: string;
  /** The backfill workflow's first run id: a load belongs to one backfill, across continue-as-new. */
  run_id: string;
  created_at: Generated<Date>;
  /** What the swap reported, once the load is the producer's partition. */
  swapped: ColumnType<LoadSummary | null, string | null, string | null>;
}

/** What a swap reports: serials read, selected (loaded), and removed (the old partition held them, the new one does not). */
export interface LoadSummary {
  serials: number;
  selected: number;
  removed: number;
}

/** One GTIN range of a load and its committed keyset cursor. */
export interface SerialLoadPartsTable {
  company_id: string;
  part: number;
  /** The part's GTIN range [gtin_from, gtin_to); null: open. */
  gtin_from: string | null;
  gtin_to: string | null;
  after_gtin: string | null;
  after_serial: string | null;
  serials: Generated<number>;
  selected: Generated<number>;
  finished: Generated<boolean>;
}

/** Event seq ranges the incremental sync applied to the live partition while a load ran. */
export interface SerialLoadCatchupTable {
  company_id: string;
  from_seq: number;
  to_seq: number;
}

/** Seq ranges an upload stored, waiting for the producer's serialUpdates workflow. */
export interface SerialUpdateQueueTable {
  id: Generated<number>;
  company_id: string;
  from_seq: number;
  to_seq: number;
}

/** Held while serialUpdates drains the queue: uploads then need not wake it. */
export interface SerialUpdateLeasesTable {
  company_id: string;
  held_until: Date;
}
