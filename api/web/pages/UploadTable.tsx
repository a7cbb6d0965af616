import type { Upload } from '../../../db/repositories/uploads.js';
import { uploadJson } from '../../schemas/uploads.js';

const KIND: Record<Upload['kind'], string> = {
  'master-data': 'Master data',
  serials: 'Serials',
  directory: 'Directory records',
};
const n = (v: number) => v.toLocaleString('en-US');

/**
 * Recent uploads with their progress bars; producer.js reloads this table (GET
 * /producer/uploads) while any of them is queued or running.
 */
export function UploadTable(props: { uploads: Upload[] }) {
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-label="Recent uploads">
      <table class="uploads">
        <caption class="visually-hidden">Recent uploads</caption>
        <thead>
          <tr>
            <th scope="col">Upload</th>
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            <th scope="col">Rows</th>
            <th scope="col">Started</th>
            <th scope="col">Rejected rows</th>
          </tr>
        </thead>
        <tbody>
          {props.uploads.length === 0 && (
            <tr>
              <td colspan={6}>None yet.</td>
            </tr>
          )}
          {props.uploads.map((u) => {
            const view = uploadJson(u);
            const pct = Math.floor(view.percent ?? 0);
            return (
              <tr data-upload-id={u.id} data-status={u.status}>
                <td>
                  {KIND[u.kind]} <span class="help">{u.contentType}</span>
                  <br />
                  <span class="mono help">{u.id}</span>
                </td>
                <td>
                  <span class={`badge ${u.status}`}>{u.status}</span>
                  {u.stopReason && <p class="help">{u.stopReason}</p>}
                </td>
                <td>
                  <progress max={100} value={pct} aria-label={`upload ${u.id} progress`}>{`${pct}%`}</progress>
                  <span class="bar-label">{`${view.percent === null ? '—' : `${pct}%`} · ${n(u.rowsRead)} rows read`}</span>
                </td>
                <td>{`${n(u.rowsAccepted)} accepted, ${n(u.rowsRejected)} rejected`}</td>
                <td>{(u.startedAt ?? u.createdAt).toISOString().slice(0, 19).replace('T', ' ')}</td>
                <td>
                  {u.rowsRejected > 0 ? (
                    <a href={view.errorsCsv} download>
                      errors.csv<span class="visually-hidden">{` of upload ${u.id}`}</span>
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
