/**
 * The uploads this process is parsing after their 202, so a shutdown can let them finish:
 * one cut off stores nothing and is failed later by the stale sweep, which costs its producer
 * a second upload.
 */
export class BackgroundUploads {
  private readonly running = new Set<Promise<unknown>>();

  get count(): number {
    return this.running.size;
  }

  /** Follows a parse until it ends; its failures are its own (recorded on the upload). */
  add(parse: Promise<unknown>): void {
    const followed = parse.catch(() => {}).finally(() => this.running.delete(followed));
    this.running.add(followed);
  }

  /** Waits until every parse has ended or `deadline` (epoch ms) has come; answers how many are left. */
  async settle(deadline: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(deadline - Date.now(), 0))));
    try {
      await Promise.race([Promise.all(this.running), late]);
    } finally {
      clearTimeout(timer);
    }
    return this.running.size;
  }
}
