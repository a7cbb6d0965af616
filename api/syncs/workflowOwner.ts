/** The kinds of workflow a company starts and may watch through `/v1/syncs`. */
const COMPANY_SYNC_KINDS: ReadonlySet<string> = new Set(['masterDataSync', 'serialBackfill', 'serialUpdates']);

/**
 * Reads `{kind}:{companyId}[:{scope}]` (workflows/ids.ts). Any other shape, or a kind that
 * is not a company's sync, has no owner, and so answers 404 like another company's sync.
 */
export function syncOwner(workflowId: string): { kind: string; companyId: string } | undefined {
  const [kind, companyId] = workflowId.split(':');
  if (kind === undefined || companyId === undefined || companyId === '' || !COMPANY_SYNC_KINDS.has(kind))
    return undefined;
  return { kind, companyId };
}
