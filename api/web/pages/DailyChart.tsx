import type { DailyOutcomes } from '../../../db/repositories/historyDaily.js';

const OUTCOMES = [
  { key: 'verified', label: 'verified', css: 'verified' },
  { key: 'notVerified', label: 'not verified', css: 'not-verified' },
  { key: 'unknown', label: 'unknown GTIN', css: 'unknown' },
] as const;

const W = 720;
const H = 240;
const PAD = { left: 44, right: 8, top: 12, bottom: 36 };

/** Every day of [from, to) with its counts (zero when nothing was verified). */
export function fillDays(from: Date, to: Date, counted: readonly DailyOutcomes[]): DailyOutcomes[] {
  const byDay = new Map(counted.map((d) => [d.day, d]));
  const days: DailyOutcomes[] = [];
  for (
    let t = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
    t < to.getTime();
    t += 86_400_000
  ) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push(byDay.get(day) ?? { day, verified: 0, notVerified: 0, unknown: 0 });
  }
  return days;
}

/** A round axis maximum (1, 2, 5 × 10^n) at or above the largest day. */
export function axisMax(largest: number): number {
  if (largest <= 0) return 1;
  const scale = 10 ** Math.floor(Math.log10(largest));
  return [1, 2, 5, 10].map((m) => m * scale).find((m) => m >= largest) ?? 10 * scale;
}

/** Verifications per day by outcome, stacked bars drawn on the server (no chart script). */
export function DailyChart(props: { days: DailyOutcomes[] }) {
  const { days } = props;
  const max = axisMax(Math.max(0, ...days.map((d) => d.verified + d.notVerified + d.unknown)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(days.length, 1);
  const barW = Math.max(2, slot * 0.7);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const labelEvery = Math.ceil(days.length / 10);
  const total = days.reduce((n, d) => n + d.verified + d.notVerified + d.unknown, 0);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">Verifications per day by outcome</title>
        <desc id="chart-desc">{`${total} verifications from ${days[0]?.day ?? ''} to ${days[days.length - 1]?.day ?? ''}; the table below lists each day.`}</desc>
        <line class="axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={PAD.top + plotH} />
        <line class="axis" x1={PAD.left} y1={PAD.top + plotH} x2={W - PAD.right} y2={PAD.top + plotH} />
        {[0, max / 2, max].map((v) => (
          <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end">
            {String(Math.round(v))}
          </text>
        ))}
        {days.map((d, i) => {
          let base = 0;
          const x = PAD.left + i * slot + (slot - barW) / 2;
          return (
            <g>
              {OUTCOMES.map((o) => {
                const v = d[o.key];
                if (v === 0) return null;
                const rect = <rect class={o.css} x={x} y={y(base + v)} width={barW} height={y(base) - y(base + v)} />;
                base += v;
                return rect;
              })}
              {i % labelEvery === 0 && (
                <text x={x + barW / 2} y={H - PAD.bottom + 16} text-anchor="middle">
                  {d.day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="legend">
          {OUTCOMES.map((o) => (
            <li>
              <span class={`swatch ${o.css}`}></span>
              {o.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
