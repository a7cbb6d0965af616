import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../db/embedded.js';
import { freePort } from './freePort.js';

/** The embedded server's `vrs` database under dataDir, created on first start. */
export async function startLocalDatabase(dataDir: string, log: (line: string) => void) {
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'pg'),
    port: await freePort(),
    persistent: true,
    onLog: log,
  });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    const { rowCount } = await admin.query(`select 1 from pg_database where datname = 'vrs'`);
    if (!rowCount) await admin.query('create database vrs');
  } finally {
    await admin.end();
  }
  const url = new URL(server.url);
  url.pathname = '/vrs';
  return { url: url.toString(), stop: server.stop };
}
