import type { SyncView } from '../../syncs/syncStatus.js';

export interface SyncRow extends SyncView {
  temporalUrl: string | undefined;
  companyName?: string | undefined;
}

const percent = (s: SyncView) =>
  s.status === 'completed'
    ? 100
    : s.progress.total > 0
      ? Math.min(100, Math.floor((100 * s.progress.done) / s.progress.total))
      : 0;

/** Syncs with their progress bars; running ones are polled by producer.js (data-workflow-id). */
export function SyncTable(props: { syncs: SyncRow[]; caption: string; cancel: boolean; company?: boolean }) {
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-label={props.caption}>
      <table class="syncs">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Sync</th>
            {props.company && <th scope="col">Company</th>}
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            <th scope="col">Started</th>
            <th scope="col">Counts</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {props.syncs.length === 0 && (
            <tr>
              <td colspan={props.company ? 7 : 6}>None.</td>
            </tr>
          )}
          {props.syncs.map((s) => (
            <tr data-workflow-id={s.workflowId} data-status={s.status}>
              <td>
                {s.kind}
                <br />
                <span class="mono help">{s.workflowId}</span>
              </td>
              {props.company && <td>{s.companyName ?? '—'}</td>}
              <td>
                <span class={`badge ${s.status}`} data-role="status">
                  {s.status}
                </span>
              </td>
              <td>
                <progress
                  max={100}
                  value={percent(s)}
                  aria-label={`${s.kind} progress`}
                  data-role="bar"
                >{`${percent(s)}%`}</progress>
                <span
                  class="bar-label"
                  data-role="bar-label"
                >{`${percent(s)}% · ${s.progress.done.toLocaleString('en-US')} of ${s.progress.total.toLocaleString('en-US')}`}</span>
              </td>
              <td>{s.startedAt.slice(0, 19).replace('T', ' ')}</td>
              <td data-role="counts">
                {Object.entries(s.counts)
                  .filter(([, n]) => n > 0)
                  .map(([k, n]) => `${k} ${n}`)
                  .join(', ') || '—'}
              </td>
              <td>
                <div class="actions">
                  {s.temporalUrl && (
                    <a href={s.temporalUrl} target="_blank" rel="noopener">
                      Temporal UI<span class="visually-hidden">{` for ${s.workflowId}`}</span>
                    </a>
                  )}
                  {props.cancel && s.status === 'running' && (
                    <button type="button" class="danger" data-cancel={s.workflowId}>
                      Cancel
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
