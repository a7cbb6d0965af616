import { Pool } from 'undici';

export interface LoadCounts {
  /** Answers by status code. */
  status: Record<number, number>;
  /** Requests that got no answer (refused, reset). */
  errors: number;
}

/**
 * Steady keep-alive load: `connections` clients each send the next request as soon as the last
 * is answered, until `stop()`. A request that gets no answer is counted and retried after a
 * short pause, so the load carries on across restarts and outages.
 */
export function startVerifyLoad(options: {
  url: string;
  token: string;
  paths: readonly string[];
  connections: number;
}) {
  const pool = new Pool(options.url, { connections: options.connections, pipelining: 1 });
  const counts: LoadCounts = { status: {}, errors: 0 };
  let running = true;
  const client = async (index: number) => {
    for (let i = index; running; i++) {
      try {
        const res = await pool.request({
          method: 'GET',
          path: options.paths[i % options.paths.length]!,
          headers: { authorization: `Bearer ${options.token}` },
        });
        await res.body.dump();
        counts.status[res.statusCode] = (counts.status[res.statusCode] ?? 0) + 1;
      } catch {
        counts.errors++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  const clients = Array.from({ length: options.connections }, (_, i) => client(i));
  return {
    counts,
    /** Stops sending; resolves with the counts once every client has its last answer. */
    async stop(): Promise<LoadCounts> {
      running = false;
      await Promise.all(clients);
      await pool.destroy();
      return counts;
    },
  };
}
