import type { SourceProduct } from '../../../db/repositories/sourceProducts.js';
import type { Upload } from '../../../db/repositories/uploads.js';
import { Layout } from './Layout.js';
import { SyncTable, type SyncRow } from './SyncTable.js';
import { UploadTable } from './UploadTable.js';
import type { Viewer } from './viewer.js';

export const SYNC_STATES = ['pending', 'synced', 'skipped', 'withdrawn'] as const;

/** Products and their sync state, uploads, and the syncs that publish them. */
export function ProducerConsolePage(props: {
  viewer: Viewer;
  syncs: SyncRow[];
  products: (SourceProduct & { gtin: string })[];
  productLimit: number;
  stateFilter: string | undefined;
  serialSyncEnabled: boolean;
  uploads: Upload[];
  /** The Temporal UI's URL of a workflow, less its id (for rows the script adds). */
  temporalBase: string | undefined;
}) {
  const running = props.syncs.filter((s) => s.status === 'running');
  const past = props.syncs.filter((s) => s.status !== 'running');
  return (
    <Layout title="Products and syncs" viewer={props.viewer} path="/producer" scripts={['producer.js']}>
      <h1>Products and syncs</h1>

      <section aria-labelledby="syncs-title">
        <h2 id="syncs-title">Syncs</h2>
        <div class="actions">
          <button type="button" data-start="master-data">
            Sync master data
          </button>
          <button
            type="button"
            data-start="serial-backfill"
            disabled={!props.serialSyncEnabled}
            aria-describedby="serial-note"
          >
            Start serial backfill
          </button>
          <span id="serial-note" class="help">
            {props.serialSyncEnabled
              ? 'Serial sync is on.'
              : 'Serial sync is off: enable it with PUT /v1/rules/serials first.'}
          </span>
        </div>
        <p id="sync-message" class="notice" role="status" hidden></p>
        <h3>Running</h3>
        <div id="running-syncs" data-temporal-base={props.temporalBase}>
          <SyncTable syncs={running} caption="Running syncs" cancel={true} />
        </div>
        <h3>Recent</h3>
        <SyncTable syncs={past} caption="Recent syncs" cancel={false} />
      </section>

      <section aria-labelledby="upload-title">
        <h2 id="upload-title">Upload</h2>
        <form id="upload-form" class="grid">
          <label for="upload-kind">What</label>
          <select id="upload-kind" name="kind">
            <option value="master-data">Master data (GDSN XML, CSV, JSON)</option>
            <option value="serials">Serials (EPCIS 1.2 XML, CSV, JSON)</option>
          </select>
          <label for="upload-file">File</label>
          <input
            id="upload-file"
            name="file"
            type="file"
            required
            accept=".xml,.csv,.json,text/csv,application/json,application/xml,text/xml"
          />
          <span></span>
          <button type="submit">Upload</button>
        </form>
        <div id="upload-status" hidden>
          <progress id="upload-bar" max={100} value={0} aria-label="Upload progress"></progress>
          <p id="upload-result" role="status"></p>
          <a id="upload-errors" href="#" download hidden>
            Download rejected rows (CSV)
          </a>
        </div>
        <h3>Recent uploads</h3>
        <p class="help">Files over 5 MB are read in the background: their progress shows here.</p>
        <div id="uploads">
          <UploadTable uploads={props.uploads} />
        </div>
      </section>

      <section aria-labelledby="products-title">
        <h2 id="products-title">Products</h2>
        <form method="get" action="/producer" class="actions">
          <label for="state">Sync state</label>
          <select id="state" name="syncState">
            <option value="">all</option>
            {SYNC_STATES.map((s) => (
              <option value={s} selected={props.stateFilter === s}>
                {s}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary">
            Show
          </button>
        </form>
        <div class="table-wrap" tabindex={0} role="region" aria-labelledby="products-title">
          <table>
            <thead>
              <tr>
                <th scope="col">GTIN</th>
                <th scope="col">Name</th>
                <th scope="col">NDC</th>
                <th scope="col">Sync state</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {props.products.length === 0 && (
                <tr>
                  <td colspan={5}>No products{props.stateFilter ? ` in state ${props.stateFilter}` : ''}.</td>
                </tr>
              )}
              {props.products.map((p) => (
                <tr>
                  <td class="mono">{p.gtin}</td>
                  <td>
                    {[p.product.brandName ?? p.product.regulatedProductName, p.product.strength]
                      .filter(Boolean)
                      .join(' · ') || '—'}
                  </td>
                  <td class="mono">{p.product.ndc ?? '—'}</td>
                  <td>
                    <span class={`badge ${p.syncState}`}>{p.syncState}</span>
                    {p.syncReason && <span class="help">{` ${p.syncReason}`}</span>}
                  </td>
                  <td>{p.updatedAt.toISOString().slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {props.products.length === props.productLimit && (
          <p class="help">{`The first ${props.productLimit} in GTIN order; GET /v1/products pages through all of them.`}</p>
        )}
      </section>
    </Layout>
  );
}
