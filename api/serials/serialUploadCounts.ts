import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { SerialEvent } from '../../domain/serials/event.js';

/** Something stored but probably not meant: reported, never rejected. */
export interface SerialUploadWarning {
  row?: number;
  gtin: string;
  serial?: string;
  message: string;
}

/** Warnings listed in a report; `warningCount` stays exact. */
export const MAX_REPORTED_WARNINGS = 1_000;
/** Packs counted one by one; past this the count says "at least". */
export const MAX_COUNTED_SERIALS = 1_000_000;
/** Clocks differ a little: an event this far ahead is not yet "in the future". */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * What a serial upload's report counts besides its records: the pack events and the distinct
 * serials they name, and warnings for event times in the future and GTINs that have no product
 * master data (verify then answers without the product's name).
 */
export class SerialUploadCounts {
  events = 0;
  readonly warnings: SerialUploadWarning[] = [];
  warningCount = 0;
  private readonly serials = new Set<string>();
  private readonly eventsPerGtin = new Map<string, number>();

  constructor(private readonly now: Date) {}

  add(row: number, event: SerialEvent): void {
    this.events++;
    if (this.serials.size < MAX_COUNTED_SERIALS) this.serials.add(`${event.gtin}${event.serial}`);
    this.eventsPerGtin.set(event.gtin, (this.eventsPerGtin.get(event.gtin) ?? 0) + 1);
    if (Date.parse(event.eventTime) > this.now.getTime() + CLOCK_SKEW_MS)
      this.warn({
        row,
        gtin: event.gtin,
        serial: event.serial,
        message: `eventTime ${event.eventTime} is in the future; it is stored, and counts as the newest state of this pack until then`,
      });
  }

  /** The GTINs with events but no master data, each warned once. */
  async checkProducts(db: Kysely<Database>, companyId: string): Promise<void> {
    const gtins = [...this.eventsPerGtin.keys()];
    if (gtins.length === 0) return;
    const known = new Set(
      (
        await db
          .selectFrom('source_products')
          .select('gtin')
          .where('company_id', '=', companyId)
          .where('gtin', 'in', gtins)
          .execute()
      ).map((r) => r.gtin),
    );
    for (const gtin of gtins.filter((g) => !known.has(g)))
      this.warn({
        gtin,
        message: `no product master data for this GTIN (${this.eventsPerGtin.get(gtin)} events); upload it (POST /v1/master-data) so verify can name the product`,
      });
  }

  summary() {
    return {
      events: this.events,
      serials: this.serials.size,
      warnings: this.warnings,
      warningCount: this.warningCount,
    };
  }

  private warn(warning: SerialUploadWarning): void {
    this.warningCount++;
    if (this.warnings.length < MAX_REPORTED_WARNINGS) this.warnings.push(warning);
  }
}
