import { DayRangeForm } from './DayRangeForm.js';
import { Layout } from './Layout.js';
import { PerDayTable } from './PerDayTable.js';
import type { Viewer } from './viewer.js';

/** A GTIN no directory record named, over the range: how often, by how many requestors, when. */
export interface UncoveredGtin {
  gtin: string;
  requests: number;
  requestors: number;
  firstDay: string;
  lastDay: string;
}

export interface ConflictRow {
  gtin: string;
  partner: string;
  responderGln: string;
  other: string;
  otherResponderGln: string;
  winner: string;
  detectedAt: Date;
}

/** Directory coverage for a range of UTC days (the GTINs asked about that nobody answers for), and open conflicts. */
export function OperatorDirectoryPage(props: {
  viewer: Viewer;
  from: string;
  to: string;
  maxDays: number;
  error: string | undefined;
  perDay: { day: string; gtins: number; requests: number }[];
  gtins: UncoveredGtin[];
  gtinsShown: number;
  truncated: boolean;
  conflicts: ConflictRow[];
  conflictLimit: number;
}) {
  const requests = props.perDay.reduce((n, d) => n + d.requests, 0);
  return (
    <Layout title="Directory coverage" viewer={props.viewer} path="/operator/directory">
      <h1>Directory coverage</h1>
      <p class="help">
        Verifications answered 404 because no producer here and no partner's directory record names the GTIN, per UTC
        day.
      </p>
      <DayRangeForm action="/operator/directory" from={props.from} to={props.to} />
      <p class="help">{`At most ${props.maxDays} days at a time.`}</p>
      {props.error && (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      )}
      <p id="coverage-summary">{`${props.gtins.length} ${props.gtins.length === 1 ? 'GTIN' : 'GTINs'} without a directory record, asked about ${requests} ${requests === 1 ? 'time' : 'times'}.`}</p>
      {props.truncated && (
        <p class="notice error">The range holds more rows than one page counts: narrow it for exact figures.</p>
      )}

      <h2 id="unknown-title">Unknown GTINs</h2>
      <div class="table-wrap" tabindex={0} role="region" aria-labelledby="unknown-title">
        <table>
          <thead>
            <tr>
              <th scope="col">GTIN</th>
              <th scope="col">Requests</th>
              <th scope="col">Requestors</th>
              <th scope="col">First day</th>
              <th scope="col">Last day</th>
            </tr>
          </thead>
          <tbody>
            {props.gtins.length === 0 && (
              <tr>
                <td colspan={5}>None: every GTIN asked about had an answer.</td>
              </tr>
            )}
            {props.gtins.slice(0, props.gtinsShown).map((g) => (
              <tr>
                <td class="mono">{g.gtin}</td>
                <td>{g.requests}</td>
                <td>{g.requestors}</td>
                <td>{g.firstDay}</td>
                <td>{g.lastDay}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.gtins.length > props.gtinsShown && (
        <p class="help">{`The ${props.gtinsShown} most asked about; GET /v1/admin/directory/coverage lists every one by day and requestor.`}</p>
      )}

      <PerDayTable
        label="Unknown GTINs per day"
        columns={[
          ['Unknown GTINs', (d) => d.gtins],
          ['Requests', (d) => d.requests],
        ]}
        rows={props.perDay}
      />

      <h2 id="conflicts-title">Conflicts</h2>
      <p class="help">
        GTINs a partner's record claims while another source claims them at the same time; routing follows the winner.
      </p>
      <div class="table-wrap" tabindex={0} role="region" aria-labelledby="conflicts-title">
        <table>
          <thead>
            <tr>
              <th scope="col">GTIN</th>
              <th scope="col">Partner</th>
              <th scope="col">Its responder</th>
              <th scope="col">Other source</th>
              <th scope="col">Other responder</th>
              <th scope="col">Routing follows</th>
              <th scope="col">Found</th>
            </tr>
          </thead>
          <tbody>
            {props.conflicts.length === 0 && (
              <tr>
                <td colspan={7}>None.</td>
              </tr>
            )}
            {props.conflicts.map((c) => (
              <tr>
                <td class="mono">{c.gtin}</td>
                <td>{c.partner}</td>
                <td class="mono">{c.responderGln}</td>
                <td>{c.other}</td>
                <td class="mono">{c.otherResponderGln}</td>
                <td>{c.winner}</td>
                <td>{c.detectedAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.conflicts.length === props.conflictLimit && (
        <p class="help">{`The first ${props.conflictLimit}; GET /v1/admin/directory/conflicts lists them all.`}</p>
      )}
    </Layout>
  );
}
