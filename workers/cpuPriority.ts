import { readdirSync } from 'node:fs';
import os from 'node:os';

/**
 * Lowers this process's CPU priority to niceness `nice`. Linux keeps a niceness per thread and a
 * new thread inherits its creator's, so every thread running now is lowered (the runtime's
 * helpers included) and those started later follow. Never raises one already lower.
 */
export function lowerCpuPriority(nice: number): void {
  let threads: number[];
  try {
    threads = readdirSync('/proc/self/task').map(Number);
  } catch {
    threads = [0]; // no /proc: this thread, and what it starts
  }
  for (const thread of threads) if (os.getPriority(thread) < nice) os.setPriority(thread, nice);
}
