import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { issueApiKey } from '../../api/companies/companies.js';
import { poolOf } from '../../db/pool.js';
import { insertCompany } from '../../db/repositories/companies.js';
import type { Database } from '../../db/schema.js';
import { withClient } from '../../db/serialSync/rawClient.js';
import { ensureSerialTable } from '../../db/serialSync/serialTables.js';
import type { LoadOptions } from './rounds.js';

export const VERIFY_PRODUCTS = 100;
const CONSUMER_GLN = '0321012345676';
const CHUNK = 1_000_000;
/** The API's default pool size; the PK-SELECT baseline gets the same. */
export const POOL = 20;

/** GTIN-14 with check digit for verify product i (prefix 0361414, item reference 10000 + i). */
function gtin(i: number): string {
  const body = `0036141${String(10000 + i).padStart(6, '0')}`;
  let sum = 0;
  for (let k = 0; k < 13; k++) sum += Number(body[12 - k]) * (k % 2 === 0 ? 3 : 1);
  return body + ((10 - (sum % 10)) % 10);
}

// Zero-padded, so rows generated in serial order are in key order (the primary key's B-tree appends).
const serialOf = (n: number) => `S${String(n).padStart(9, '0')}`;

export interface VerifyFixture {
  masterKey: string;
  apiKey: string;
  serialTable: string;
  /** Serials per product in the read table so far. */
  perProduct: number;
  /** Grows the read table to `total` serials (VERIFY_PRODUCTS products), in chunks of a million rows. */
  growTo(total: number, log?: (line: string) => void): Promise<void>;
  /** `count` verify paths of random existing serials, as a consumer sends them. */
  paths(count?: number): string[];
  /** Rows in verification_history. */
  historyRows(): Promise<number>;
  /** The API's environment over `databaseUrl`, as in production but for the brute-force guard. */
  apiEnv(databaseUrl: string): Record<string, string>;
  /** Verify load (random existing serials, the consumer's key) for `seconds` at `connections`. */
  load(seconds: number, connections?: number): LoadOptions;
}

/** A producer with VERIFY_PRODUCTS products and `total` commissioned serials, and a consumer's API key. */
export async function seedVerifyFixture(db: Kysely<Database>, total: number): Promise<VerifyFixture> {
  const producer = await insertCompany(db, { name: 'Bench Pharma', gln: '0312345000011', roles: ['producer'] });
  const consumer = await insertCompany(db, { name: 'Bench Distributor', gln: CONSUMER_GLN, roles: ['consumer'] });
  const gtins = Array.from({ length: VERIFY_PRODUCTS }, (_, i) => gtin(i));
  await sql`insert into network_products (gtin, producer_company_id, producer_gln, data, source_hash)
    select g, ${producer.id}::uuid, ${producer.gln}, '{}'::jsonb, 'bench' from unnest(${gtins}::text[]) as g`.execute(
    db,
  );
  const serialTable = await withClient(poolOf(db), (client) => ensureSerialTable(client, producer.id));
  const { apiKey } = await issueApiKey(db, consumer.id);
  const fixture: VerifyFixture = {
    masterKey: randomBytes(32).toString('base64'),
    apiKey,
    serialTable,
    perProduct: 0,
    async growTo(target, log = () => {}) {
      const perProduct = Math.ceil(target / VERIFY_PRODUCTS);
      for (const g of gtins)
        for (let from = fixture.perProduct + 1; from <= perProduct; from += CHUNK) {
          const to = Math.min(perProduct, from + CHUNK - 1);
          await sql`insert into ${sql.table(serialTable)} (gtin, serial, producer_company_id, lot, expiry, expiry_date, status, event_time, event_id)
            select ${g}, 'S' || lpad(s::text, 9, '0'), ${producer.id}::uuid, 'LOT1', '281231', '2028-12-31', 'commissioned', now(), 'e' || s
            from generate_series(${from}::int, ${to}::int) as s`.execute(db);
          if (to - from > 100_000) log(`read table: ${g} up to ${to.toLocaleString('en-US')}`);
        }
      fixture.perProduct = perProduct;
      await sql`vacuum analyze ${sql.table(serialTable)}`.execute(db);
    },
    paths(count = 2_000) {
      const pick = (n: number) => 1 + Math.floor(Math.random() * n);
      return Array.from(
        { length: count },
        () =>
          `/verify/gtin/${gtins[pick(VERIFY_PRODUCTS) - 1]}/lot/LOT1/ser/${serialOf(pick(fixture.perProduct))}?exp=281231&linkType=verificationService&context=dscsaSaleableReturn&reqGLN=${CONSUMER_GLN}&corrUUID=21EC2020-3AEA-4069-A2DD-08002B30309D`,
      );
    },
    apiEnv: (databaseUrl) => ({
      DATABASE_URL: databaseUrl,
      VRS_MASTER_KEY: fixture.masterKey,
      DB_POOL_SIZE: String(POOL),
      // One consumer sends every request: the per-client guard would block it within seconds.
      BRUTE_FORCE_LIMIT: '100000000',
    }),
    load: (seconds, connections = 50) => ({
      paths: fixture.paths(),
      headers: { authorization: `Bearer ${apiKey}` },
      connections,
      seconds,
    }),
    async historyRows() {
      const { n } = await db
        .selectFrom('verification_history')
        .select(db.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(n);
    },
  };
  await fixture.growTo(total);
  return fixture;
}
