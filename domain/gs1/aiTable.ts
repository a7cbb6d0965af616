/**
 * The GS1 Application Identifiers this service understands: every AI found on US pharma packs
 * and logistic labels, plus common neighbours. Formats and flags follow the GS1 Barcode Syntax
 * Dictionary. An AI outside this table is rejected as unknown_ai, because without its length
 * an element string cannot be split any further.
 */
export type AiLint = 'csum' | 'date' | 'datetime';

export interface AiDef {
  ai: string;
  title: string;
  /** N: digits only; X: GS1 character set 82. */
  charset: 'N' | 'X';
  /** Exact length when `fixed`, otherwise the maximum. */
  length: number;
  fixed: boolean;
  /** Predefined length (GS1 prefix table): never followed by a GS, even when not last. */
  predefined: boolean;
  lint: AiLint | undefined;
  /** May start the path of a GS1 Digital Link URI. */
  dlPrimaryKey: boolean;
}

type Row = [ai: string, format: string, title: string, lint?: AiLint];

const ROWS: Row[] = [
  ['00', 'N18', 'SSCC', 'csum'],
  ['01', 'N14', 'GTIN', 'csum'],
  ['02', 'N14', 'CONTENT', 'csum'],
  ['10', 'X..20', 'BATCH/LOT'],
  ['11', 'N6', 'PROD DATE', 'date'],
  ['12', 'N6', 'DUE DATE', 'date'],
  ['13', 'N6', 'PACK DATE', 'date'],
  ['15', 'N6', 'BEST BEFORE', 'date'],
  ['16', 'N6', 'SELL BY', 'date'],
  ['17', 'N6', 'USE BY OR EXPIRY', 'date'],
  ['20', 'N2', 'VARIANT'],
  ['21', 'X..20', 'SERIAL'],
  ['22', 'X..20', 'CPV'],
  ['235', 'X..28', 'TPX'],
  ['240', 'X..30', 'ADDITIONAL ID'],
  ['241', 'X..30', 'CUST. PART No.'],
  ['242', 'N..6', 'MTO VARIANT'],
  ['243', 'X..20', 'PCN'],
  ['250', 'X..30', 'SECONDARY SERIAL'],
  ['251', 'X..30', 'REF. TO SOURCE'],
  ['254', 'X..20', 'GLN EXTENSION COMPONENT'],
  ['30', 'N..8', 'VAR. COUNT'],
  ['37', 'N..8', 'COUNT'],
  ['400', 'X..30', 'ORDER NUMBER'],
  ['401', 'X..30', 'GINC'],
  ['402', 'N17', 'GSIN', 'csum'],
  ['403', 'X..30', 'ROUTE'],
  ['410', 'N13', 'SHIP TO LOC', 'csum'],
  ['411', 'N13', 'BILL TO', 'csum'],
  ['412', 'N13', 'PURCHASE FROM', 'csum'],
  ['413', 'N13', 'SHIP FOR LOC', 'csum'],
  ['414', 'N13', 'LOC No.', 'csum'],
  ['415', 'N13', 'PAY TO', 'csum'],
  ['416', 'N13', 'PROD/SERV LOC', 'csum'],
  ['417', 'N13', 'PARTY', 'csum'],
  ['420', 'X..20', 'SHIP TO POST'],
  ['422', 'N3', 'ORIGIN'],
  ['7001', 'N13', 'NSN'],
  ['7003', 'N10', 'EXPIRY TIME', 'datetime'],
  ['7004', 'N..4', 'ACTIVE POTENCY'],
  ['710', 'X..20', 'NHRN PZN'],
  ['711', 'X..20', 'NHRN CIP'],
  ['712', 'X..20', 'NHRN CN'],
  ['713', 'X..20', 'NHRN DRN'],
  ['714', 'X..20', 'NHRN AIM'],
  ['715', 'X..20', 'NHRN NDC'],
  ['90', 'X..30', 'INTERNAL'],
  ...['91', '92', '93', '94', '95', '96', '97', '98', '99'].map((ai): Row => [ai, 'X..90', 'INTERNAL']),
];

/** First two digits of the AIs with predefined length (GS1 General Specifications figure 7.8.5-2). */
const PREDEFINED = new Set([
  '00',
  '01',
  '02',
  '03',
  '04',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '41',
]);
const DL_PRIMARY_KEYS = new Set(['00', '01', '401', '402', '414', '417']);

function toDef([ai, format, title, lint]: Row): AiDef {
  const match = /^([NX])(\.\.)?(\d+)$/.exec(format);
  if (match === null) throw new Error(`bad AI format ${format}`);
  const def: AiDef = {
    ai,
    title,
    charset: match[1] === 'N' ? 'N' : 'X',
    length: Number(match[3]),
    fixed: match[2] === undefined,
    predefined: PREDEFINED.has(ai.slice(0, 2)),
    // Always present, so every definition has one hidden class and lookups stay monomorphic.
    lint,
    dlPrimaryKey: DL_PRIMARY_KEYS.has(ai),
  };
  return def;
}

export const AI_DEFS: ReadonlyMap<string, AiDef> = new Map(ROWS.map((row) => [row[0], toDef(row)]));

// Element strings carry no AI boundaries, so the AI is found by its digits. GS1 AIs are
// prefix-free, so at most one of the 2-, 3- and 4-digit readings matches. Arrays indexed by
// the numeric value keep this lookup free of string allocation on the hot path.
const BY_LENGTH: (AiDef | undefined)[][] = [[], [], new Array(100), new Array(1000), new Array(10000)];
const TWO_DIGIT = BY_LENGTH[2] as (AiDef | undefined)[];
/** Longest AI starting with each two-digit prefix (0: no AI starts with it). */
const LONGEST = new Uint8Array(100);
for (const def of AI_DEFS.values()) {
  const table = BY_LENGTH[def.ai.length];
  if (table !== undefined) table[Number(def.ai)] = def;
  const p = Number(def.ai.slice(0, 2));
  LONGEST[p] = Math.max(LONGEST[p] ?? 0, def.ai.length);
}

export function getAiDef(ai: string): AiDef | undefined {
  return AI_DEFS.get(ai);
}

/**
 * The AI starting at s[i], reading digits in place. `undefined` when no known AI starts there;
 * `'short'` when the data ends before an AI that could still match is complete.
 */
export function lookupAiAt(s: string, i: number): AiDef | 'short' | undefined {
  // Fast path: the pack AIs (01, 17, 10, 21) are all two digits.
  const c0 = s.charCodeAt(i) - 48;
  const c1 = s.charCodeAt(i + 1) - 48;
  if (c0 >= 0 && c0 <= 9 && c1 >= 0 && c1 <= 9) {
    const def = TWO_DIGIT[c0 * 10 + c1];
    if (def !== undefined) return def;
  }
  let n = 0;
  let longest = 2;
  for (let len = 1; len <= longest; len++) {
    if (i + len > s.length) return 'short';
    const c = s.charCodeAt(i + len - 1);
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + (c - 48);
    if (len === 2) longest = LONGEST[n] ?? 0;
    const def = BY_LENGTH[len]?.[n];
    if (def !== undefined) return def;
  }
  return undefined;
}
