import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Installation } from '../db/installation.js';
import type { Database } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { createApp } from './app.js';
import { buildApiDeps } from './buildDeps.js';

export interface RunningApi {
  url: string;
  /** Stops accepting requests, drains buffered writes, closes the Temporal connection. */
  close(): Promise<void>;
}

export async function startApiServer(options: { config: Config; db: Kysely<Database>; log: Logger; installation: Installation; temporalAddress: string }): Promise<RunningApi> {
  const { config, db, log } = options;
  const connection = await Connection.connect({ address: options.temporalAddress });
  const deps = buildApiDeps({ config, db, log, installation: options.installation, temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }) });
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  log.info({ url }, 'api listening');
  return {
    url,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await deps.history.close(); // nothing recorded is lost on a clean shutdown
      await connection.close();
    },
  };
}
