import { failHistoryExport, setHistoryExportWorkflow } from '../db/repositories/historyExports.js';
import type { LaunchDeps } from './deps.js';
import { workflowId } from '../workflows/ids.js';
import { historyExport } from '../workflows/historyExport.js';
import { VrsCompany, VrsKind } from '../workflows/searchAttributes.js';

/** Starts the workflow that writes a recorded export; one that cannot start is marked failed, never left running. */
export async function launchHistoryExport(
  deps: Pick<LaunchDeps, 'db' | 'temporal' | 'taskQueueOf'>,
  companyId: string,
  exportId: string,
): Promise<string> {
  const id = workflowId('historyExport', companyId, exportId);
  try {
    await deps.temporal.workflow.start(historyExport, {
      workflowId: id,
      taskQueue: deps.taskQueueOf('sync'),
      args: [{ exportId }],
      typedSearchAttributes: [
        { key: VrsCompany, value: companyId },
        { key: VrsKind, value: 'historyExport' },
      ],
    });
  } catch (error) {
    await failHistoryExport(deps.db, exportId, 'the export could not be started; ask again');
    throw error;
  }
  await setHistoryExportWorkflow(deps.db, exportId, id);
  return id;
}
