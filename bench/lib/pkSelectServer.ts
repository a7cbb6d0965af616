import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { createDb } from '../../db/pool.js';

/**
 * The verify baseline in a process of its own: a bare Hono route doing one primary-key SELECT on
 * the producer's serial table (SERIAL_TABLE) through kysely and pg with the API's pool size
 * (DB_POOL_SIZE), over DATABASE_URL. Prints `ready {"url"}` once it listens; SIGTERM exits, which
 * writes the CPU profile when node runs with --cpu-prof.
 */
const db = createDb({
  connectionString: process.env.DATABASE_URL!,
  max: Number(process.env.DB_POOL_SIZE),
  applicationName: 'vrs-bench-pk',
});
const table = process.env.SERIAL_TABLE!;
const app = new Hono().get('/verify/gtin/:gtin/lot/:lot/ser/:ser', async (c) => {
  const { rows } =
    await sql`select * from ${sql.table(table)} where gtin = ${c.req.param('gtin')} and serial = ${c.req.param('ser')}`.execute(
      db,
    );
  return c.json({ verified: rows.length > 0 });
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
server.once('listening', () =>
  console.log(`ready ${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}`),
);
process.once('SIGTERM', () => {
  server.close();
  void db.destroy().then(() => process.exit(0));
});
