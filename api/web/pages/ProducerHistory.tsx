import type { DailyOutcomes } from '../../../db/repositories/historyDaily.js';
import { DailyChart } from './DailyChart.js';
import { DayRangeForm } from './DayRangeForm.js';
import { Layout } from './Layout.js';
import { PerDayTable } from './PerDayTable.js';
import type { Viewer } from './viewer.js';

/** A date range, the chart of its verifications per day, and CSV downloads of at most 7 days each. */
export function ProducerHistoryPage(props: {
  viewer: Viewer;
  from: string;
  to: string;
  days: DailyOutcomes[];
  downloads: { from: string; to: string; label: string }[];
  error?: string | undefined;
}) {
  const total = (key: 'verified' | 'notVerified' | 'unknown') => props.days.reduce((n, d) => n + d[key], 0);
  return (
    <Layout title="Verification history" viewer={props.viewer} path="/producer/history">
      <h1>Verification history</h1>
      <DayRangeForm action="/producer/history" from={props.from} to={props.to} />
      {props.error && (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      )}
      <p>{`${total('verified')} verified, ${total('notVerified')} not verified, ${total('unknown')} for unknown GTINs.`}</p>
      <DailyChart days={props.days} />
      <h2>Download</h2>
      <ul class="downloads">
        {props.downloads.map((d) => (
          <li>
            <a
              href={`/v1/history?format=csv&from=${encodeURIComponent(d.from)}&to=${encodeURIComponent(d.to)}`}
              download={`vrs-history-${d.label.replace(' to ', '_')}.csv`}
            >
              {`CSV ${d.label}`}
            </a>
          </li>
        ))}
        <li>
          {/* Same 92-day limit as the chart; docs/near-misses.md explains the kinds. */}
          <a
            href={`/v1/reports/near-misses?format=csv&from=${props.from}&to=${props.to}`}
            download={`vrs-near-misses-${props.from}_${props.to}.csv`}
          >
            {`Near misses, CSV ${props.from} to ${props.to}`}
          </a>
        </li>
      </ul>
      <PerDayTable
        label="Verifications per day"
        columns={[
          ['Verified', (d) => d.verified],
          ['Not verified', (d) => d.notVerified],
          ['Unknown GTIN', (d) => d.unknown],
        ]}
        rows={props.days}
      />
    </Layout>
  );
}
