/**
 * `npm run bench [-- name ...]`: runs the named benchmarks (default: all) one after another,
 * each printing a markdown table of ratios against a baseline measured in the same run.
 */
const benches: Record<string, () => Promise<string>> = {
  gs1: async () => (await import('./gs1.js')).runGs1Bench(),
  verify: async () => (await import('./verify.js')).runVerifyBench(),
  masterData: async () => (await import('./masterData.js')).runMasterDataBench(),
  serials: async () => (await import('./serials.js')).runSerialsBench(),
  routed: async () => (await import('./routed.js')).runRoutedBench(),
  verifyBudget: async () => (await import('./verifyBudget.js')).runVerifyBudgetBench(),
};

const names = process.argv.slice(2);
const unknown = names.filter((n) => !(n in benches));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
for (const name of names.length ? names : Object.keys(benches)) {
  console.log(`\n## ${name}\n`);
  console.log(await benches[name]!());
}
