import type { Kysely } from 'kysely';
import type { SerialStatus } from '../domain/serials/state.js';
import type { VerifiedSerial } from '../domain/verification/index.js';
import { queryNamed, type NamedStatement } from './namedQuery.js';
import { poolOf } from './pool.js';
import { findProductOwner, type ProductOwner } from './repositories/verification.js';
import type { Database } from './schema.js';
import { quoted, serialTableOf } from './serialSync/serialTables.js';

/** Everything one verification reads: the product's owner and the serial, if there is one. */
export interface AnswerSource extends ProductOwner {
  serial: VerifiedSerial | undefined;
}

interface Row {
  producer_company_id: string;
  producer_gln: string;
  time_zone: string;
  found: boolean;
  lot: string;
  expiry: string;
  expiry_date: string;
  extended_expiry: string | null;
  extended_expiry_date: string | null;
  status: SerialStatus;
  recalled: boolean;
  suspect: boolean;
  illegitimate: boolean;
  expiration_extended: boolean;
}

// The verify hot path: three primary-key probes in one statement, so a withdrawal or a time-zone
// change shows on the very next request. The serial is read from the producer's own partition,
// named in the text: through the partitioned parent PostgreSQL would lock and open every
// producer's partition on every execution. A named statement per producer straight on the pool
// (kysely cannot name one), so each connection parses and plans it once. Only what the decision
// reads comes back: every column is parsed in Node. A producer whose serials never synced has no
// partition yet: its products answer without one ($1 gtin, $2 producer).
const answerStatement = (serials: string | undefined): NamedStatement => ({
  name: `vrs_verify_${serials ?? 'product'}`,
  text: `
  select p.producer_company_id, p.producer_gln, c.time_zone, ${
    serials
      ? `s.gtin is not null as found,
         s.lot, s.expiry, s.expiry_date, s.extended_expiry, s.extended_expiry_date, s.status,
         s.recalled, s.suspect, s.illegitimate, s.expiration_extended`
      : 'false as found'
  }
  from network_products p
  join companies c on c.id = p.producer_company_id
  ${serials ? `left join ${quoted(serials)} s on s.gtin = $1 and s.serial = $3` : ''}
  where p.gtin = $1 and p.producer_company_id = $2 and p.withdrawn_at is null`,
});

const PRODUCT_ONLY = answerStatement(undefined);
const UNDEFINED_TABLE = '42P01';
// A producer found without a serial table is not tried again for this long (a failed statement
// costs a round trip and a server-side error), after which its table may exist.
const RECHECK_MS = 5_000;

/**
 * What verify reads, and the state that makes it one query: GTIN -> producer (verify needs the
 * producer to name its serial table), each producer's statement, and the producers found without
 * a serial table. A GTIN keeps its owner, and the answer's query checks the owner against the
 * product row, so a remembered producer lives until that check fails (a withdrawal, or a GTIN
 * that changed hands). Unknown GTINs are not remembered: a product synced a moment ago answers at
 * once. One per app (buildApiDeps).
 */
export class AnswerSources {
  private readonly producers = new Map<string, string>();
  private readonly statements = new Map<string, NamedStatement>();
  private readonly withoutTable = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxProducers = 100_000,
  ) {}

  /** The remembered producer of a GTIN, without a query (undefined: not known yet). */
  knownProducer(gtin: string): string | undefined {
    return this.producers.get(gtin);
  }

  /**
   * The answer for a GTIN; undefined when it is not a synced (and not withdrawn) product here. A
   * remembered producer costs no query of its own; if the answer's query finds the GTIN is no
   * longer that producer's, the GTIN is looked up afresh once.
   */
  async find(gtin: string, serial: string): Promise<AnswerSource | undefined> {
    const remembered = this.producers.get(gtin);
    if (remembered !== undefined) {
      const source = await this.findOfProducer(remembered, gtin, serial);
      if (source) return source;
      this.producers.delete(gtin);
    }
    const owner = await findProductOwner(this.db, gtin);
    if (!owner) return undefined;
    if (this.producers.size >= this.maxProducers) this.producers.clear();
    this.producers.set(gtin, owner.producerCompanyId);
    return this.findOfProducer(owner.producerCompanyId, gtin, serial);
  }

  /**
   * The answer for a GTIN believed to be `producerCompanyId`'s; undefined when it is not (any
   * more): not a synced product here, withdrawn, or now someone else's.
   */
  async findOfProducer(producerCompanyId: string, gtin: string, serial: string): Promise<AnswerSource | undefined> {
    const pool = poolOf(this.db);
    const productOnly = () => queryNamed<Row>(pool, PRODUCT_ONLY, [gtin, producerCompanyId]);
    let row: Row | undefined;
    if ((this.withoutTable.get(producerCompanyId) ?? 0) > Date.now()) {
      row = (await productOnly()).rows[0];
    } else {
      try {
        row = (await queryNamed<Row>(pool, this.statementFor(producerCompanyId), [gtin, producerCompanyId, serial]))
          .rows[0];
      } catch (error) {
        if ((error as { code?: string }).code !== UNDEFINED_TABLE) throw error;
        this.withoutTable.set(producerCompanyId, Date.now() + RECHECK_MS);
        row = (await productOnly()).rows[0];
      }
    }
    if (!row) return undefined;
    return {
      producerCompanyId: row.producer_company_id,
      producerGln: row.producer_gln,
      timeZone: row.time_zone,
      serial: row.found ? toVerifiedSerial(row) : undefined,
    };
  }

  // Built once per producer, not per request.
  private statementFor(producerCompanyId: string) {
    let statement = this.statements.get(producerCompanyId);
    if (!statement)
      this.statements.set(producerCompanyId, (statement = answerStatement(serialTableOf(producerCompanyId))));
    return statement;
  }
}

function toVerifiedSerial(row: Row): VerifiedSerial {
  return {
    lot: row.lot,
    expiry: row.expiry,
    expiryDate: row.expiry_date,
    extendedExpiry: row.extended_expiry,
    extendedExpiryDate: row.extended_expiry_date,
    status: row.status,
    flags: {
      recalled: row.recalled,
      suspect: row.suspect,
      illegitimate: row.illegitimate,
      expirationExtended: row.expiration_extended,
    },
  };
}
