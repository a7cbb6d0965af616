import { pathToFileURL } from 'node:url';

/**
 * Runs a benchmark and prints its table when its file is the one node was started with
 * (`tsx bench/gs1.ts`); bench/run.ts imports the same files and runs them itself.
 */
export function runIfMain(moduleUrl: string, run: () => Promise<string>): void {
  if (process.argv[1] === undefined || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  run()
    .then((table) => console.log(table))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
