import { Layout } from './Layout.js';
import { SyncTable, type SyncRow } from './SyncTable.js';
import type { Viewer } from './viewer.js';

/** Failed and recent syncs of every tenant, and the callers the brute-force guard blocks now. */
export function OperatorWorkflowsPage(props: {
  viewer: Viewer;
  failed: SyncRow[];
  recent: SyncRow[];
  blocks: { caller: string; company: string; until: Date }[];
}) {
  return (
    <Layout title="Workflows" viewer={props.viewer} path="/operator/workflows">
      <h1>Workflows and blocks</h1>
      <h2>Failed</h2>
      <SyncTable syncs={props.failed} caption="Failed syncs" cancel={false} company={true} />
      <h2>Recent</h2>
      <SyncTable syncs={props.recent} caption="Recent syncs" cancel={false} company={true} />
      <h2 id="blocks-title">Brute-force blocks</h2>
      <p class="help">
        Callers with too many verifications of unknown serials, blocked for a while (kept by this API process).
      </p>
      <div class="table-wrap" tabindex={0} role="region" aria-labelledby="blocks-title">
        <table>
          <thead>
            <tr>
              <th scope="col">Caller</th>
              <th scope="col">Company</th>
              <th scope="col">Blocked until</th>
            </tr>
          </thead>
          <tbody>
            {props.blocks.length === 0 && (
              <tr>
                <td colspan={3}>None.</td>
              </tr>
            )}
            {props.blocks.map((b) => (
              <tr>
                <td class="mono">{b.caller}</td>
                <td>{b.company}</td>
                <td>{b.until.toISOString().slice(0, 19).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
