import os from 'node:os';

/** The machine a run measured: CPU model, cores, load average at the start, memory, Node. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  return [
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores`,
    `load average ${load} (1/5/15 min) at start`,
    `${Math.round(os.totalmem() / 2 ** 30)} GB RAM`,
    `Node ${process.version}`,
  ].join('; ');
}
