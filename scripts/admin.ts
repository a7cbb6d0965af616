import { Client } from '@temporalio/client';
import { connectTemporal } from '../launchers/temporalConnection.js';
import { loadConfig } from '../config.js';
import { createDb } from '../db/pool.js';
import { TASK_QUEUES } from '../workflows/ids.js';
import { runAdminCommand, USAGE, UsageError } from './lib/adminCommands.js';

// `npm run admin -- <command>`: prints what the command did as JSON; usage errors exit 2, failures 1.
const config = loadConfig();
if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
  process.stderr.write('DATABASE_URL and TEMPORAL_ADDRESS are required (the ones the API and workers use)\n');
  process.exit(2);
}
const db = createDb({ connectionString: config.DATABASE_URL, max: 2, applicationName: 'vrs-admin' });
const connection = await connectTemporal(config.TEMPORAL_ADDRESS);
const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
const apiUrl = config.VRS_API_URL ?? `http://localhost:${config.PORT}`;
const api = config.VRS_ADMIN_TOKEN ? { url: apiUrl, token: config.VRS_ADMIN_TOKEN } : undefined;
let code = 0;
try {
  const result = await runAdminCommand(
    {
      db,
      temporal,
      taskQueueOf: (q) => TASK_QUEUES[q],
      serialBackfillPartitions: config.SERIAL_BACKFILL_PARTITIONS,
      api,
    },
    process.argv.slice(2),
  );
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} catch (error) {
  code = error instanceof UsageError ? 2 : 1;
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}\n${error instanceof UsageError ? `\n${USAGE}\n` : ''}`,
  );
} finally {
  await connection.close();
  await db.destroy();
}
process.exit(code);
