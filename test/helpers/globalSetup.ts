import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres, type EmbeddedDatabase } from '../../db/embedded.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createDb } from '../../db/pool.js';
import { freePort } from '../../scripts/lib/freePort.js';
import { temporalBinary } from '../../scripts/lib/temporalBinaries.js';
import { startTemporalDevServer, type DevServer } from '../../scripts/lib/temporalDevServer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
    temporalAddress: string;
    /** The time-skipping server, for tests where time matters (installed on first use like the CLI). */
    temporalTestServerPath: string;
  }
}

const TEMPLATE = 'vrs_test_template';

/** Starts ONE real PostgreSQL and ONE Temporal dev server for the whole run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedDatabase | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    embedded = await startThrowawayPostgres(await freePort());
    adminUrl = embedded.url;
  }
  await createTemplate(adminUrl);

  let temporal: DevServer | undefined;
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    temporal = await startTemporalDevServer({ headless: true });
    temporalAddress = temporal.address;
  }

  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', TEMPLATE);
  project.provide('temporalAddress', temporalAddress);
  project.provide(
    'temporalTestServerPath',
    temporalBinary('temporal-test-server', (line) => console.log(line)),
  );

  return async () => {
    await temporal?.stop();
    await embedded?.stop();
  };
}

async function createTemplate(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE} with (force)`);
    await admin.query(`create database ${TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE}`;
  const db = createDb({ connectionString: url.toString(), max: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}
