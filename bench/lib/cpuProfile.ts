import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The top `limit` frames by self time of the `--cpu-prof` profile in `dir` (then removed), as a
 * markdown table with µs per request over `requests`: where a request's CPU goes.
 */
export function topSelfTime(dir: string, requests: number, limit = 20): string {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return `no CPU profile was written in ${dir}`;
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile;
  rmSync(dir, { recursive: true, force: true });
  const frameOf = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const selfUs = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = frameOf.get(id)!;
    const where = frame.url ? ` ${frame.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'}${where}`;
    const us = profile.timeDeltas[i] ?? 0;
    selfUs.set(key, (selfUs.get(key) ?? 0) + us);
    total += us;
  });
  const busy = total - (selfUs.get('(idle)') ?? 0);
  const lines = [
    `| frame (self time) | share of busy | µs per request |`,
    '|---|---:|---:|',
    ...[...selfUs]
      .filter(([key]) => key !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([key, us]) => `| \`${key}\` | ${((100 * us) / busy).toFixed(1)}% | ${(us / requests).toFixed(1)} |`),
  ];
  lines.push('', `busy ${(busy / requests).toFixed(0)} µs per request over ${requests} requests (profiler on).`);
  return lines.join('\n');
}
