import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { createDb } from '../../db/pool.js';

/**
 * The verify benchmark's baselines, each run as its own process (`baselineServer.ts constant|pk`,
 * PORT): a bare Hono route answering constant JSON, and one doing the primary-key SELECT verify
 * cannot avoid, on the producer's serial table (SERIAL_TABLE) with the API's pool size.
 */
const kind = process.argv[2];
const app = new Hono();
if (kind === 'pk') {
  const db = createDb({ connectionString: process.env.DATABASE_URL!, max: Number(process.env.DB_POOL_SIZE ?? 20) });
  const table = sql.table(process.env.SERIAL_TABLE!);
  app.get('/verify/gtin/:gtin/lot/:lot/ser/:ser', async (c) => {
    const { rows } =
      await sql`select * from ${table} where gtin = ${c.req.param('gtin')} and serial = ${c.req.param('ser')}`.execute(
        db,
      );
    return c.json({ verified: rows.length > 0 });
  });
} else app.get('*', (c) => c.json({ verified: true }));
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
process.once('SIGTERM', () => server.close(() => process.exit(0)));
