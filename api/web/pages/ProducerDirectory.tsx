import type { DirectoryEntry } from '../../../db/repositories/localDirectory.js';
import { Layout } from './Layout.js';
import type { Viewer } from './viewer.js';

/** The producer's Lookup Directory records as partners see them. */
export function ProducerDirectoryPage(props: { viewer: Viewer; entries: DirectoryEntry[]; limit: number }) {
  return (
    <Layout title="Directory records" viewer={props.viewer} path="/producer/directory">
      <h1>Directory records</h1>
      <p class="help">What partner VRSs learn from our Lookup Directory for your GTINs.</p>
      <div class="table-wrap" tabindex={0} role="region" aria-label="Directory records">
        <table>
          <thead>
            <tr>
              <th scope="col">GTIN</th>
              <th scope="col">Responder GLN</th>
              <th scope="col">VRS</th>
              <th scope="col">Verification URL</th>
              <th scope="col">Valid from</th>
              <th scope="col">Valid to</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.length === 0 && (
              <tr>
                <td colspan={6}>No records yet: a master-data sync publishes them.</td>
              </tr>
            )}
            {props.entries.map((e) => (
              <tr>
                <td class="mono">{e.gtin}</td>
                <td class="mono">{e.responderGln}</td>
                <td>{e.vrsName}</td>
                <td class="mono">{e.verificationUrl}</td>
                <td>{e.validFrom.toISOString().slice(0, 10)}</td>
                <td>{e.validTo ? e.validTo.toISOString().slice(0, 10) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.entries.length === props.limit && (
        <p class="help">{`The first ${props.limit}; GET /v1/directory pages through all of them.`}</p>
      )}
    </Layout>
  );
}
