/**
 * Support tool: shows what a scanned GS1 barcode contains, or exactly what is wrong with it.
 *
 *   npm run gs1 -- ']d2010036141456789417250728101908642E<GS>21400806'
 *   npm run gs1 -- --gs='^' '0100361414567894172507281019086^21400806'
 *   npm run gs1 -- --now=2026-01-01 '(01)00361414567894(17)250728(10)L(21)S'
 *
 * The GS character may arrive as itself, as the text <GS> (default substitute, since a
 * terminal cannot easily type ASCII 29), or as \x1d / \u001d escapes pasted from logs.
 */
import {
  getAiDef,
  GS,
  parseScan,
  requirePackIdentifiers,
  type Gs1Error,
  type ParsedScan,
} from '../domain/gs1/index.js';

const USAGE = "usage: npm run gs1 -- [--gs=<substitute>] [--now=YYYY-MM-DD] '<scan>'";

function parseArgs(argv: string[]): { scan: string; gs: string; now: Date } | string {
  let gs = '<GS>';
  let now = new Date();
  const rest: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('--gs=')) gs = arg.slice(5);
    else if (arg.startsWith('--now=')) now = new Date(`${arg.slice(6)}T00:00:00Z`);
    else if (arg === '--help' || arg === '-h') return USAGE;
    else rest.push(arg);
  }
  if (rest.length !== 1) return USAGE;
  if (Number.isNaN(now.getTime())) return '--now must be a date like 2026-01-31';
  // Escapes copied from logs or JSON become the real GS character.
  const scan = (rest[0] ?? '').replace(/\\x1d|\\u001d/gi, GS);
  return { scan, gs, now };
}

/** The input with invisible separators made visible, for the caret line under it. */
const visible = (s: string): string => s.replaceAll(GS, '␝');

function describeElements(scan: ParsedScan): string[] {
  const lines = [`form: ${scan.form}${scan.symbology === null ? '' : `, symbology ${scan.symbology}`}`];
  for (const e of scan.elements) {
    const title = getAiDef(e.ai)?.title ?? '';
    const date = e.date === undefined ? '' : `  (${e.date})`;
    lines.push(`  (${e.ai}) ${title.padEnd(18)} ${e.value}${date}`);
  }
  return lines;
}

function describeErrors(input: string, errors: Gs1Error[]): string[] {
  const lines: string[] = [];
  for (const e of errors) {
    lines.push(`error ${e.code}${e.ai === undefined ? '' : ` (${e.ai})`}: ${e.message}`);
    if (e.position !== undefined)
      lines.push(`  ${visible(input)}`, `  ${' '.repeat(e.position)}^ position ${e.position}`);
  }
  return lines;
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(args);
    return 2;
  }
  const scan = parseScan(args.scan, { now: args.now, gsSubstitute: args.gs });
  if (!scan.ok) {
    console.log(describeErrors(args.scan, scan.error).join('\n'));
    return 1;
  }
  console.log(describeElements(scan.value).join('\n'));
  const pack = requirePackIdentifiers(scan.value);
  if (!pack.ok) {
    console.log(describeErrors(args.scan, pack.error).join('\n'));
    return 1;
  }
  console.log('DSCSA pack identifiers: complete (GTIN, expiry, lot, serial)');
  return 0;
}

process.exitCode = main();
