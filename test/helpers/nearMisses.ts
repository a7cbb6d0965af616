import type { Company } from '../../db/repositories/companies.js';
import type { ApiTestContext } from './api.js';
import { apiKeyFor, companyWithGln, seedProduct } from './seedNetwork.js';
import { CONSUMER_GLN, PRODUCER_GLN, verifyPath } from './verifyRequest.js';

// A producer with two GTINs and one request per near-miss kind, for test/nearMiss*.test.ts.
export const GTIN_A = '00312345678906'; // GTIN-12 312345678906, padded left
export const SHIFTED_A = '03123456789064'; // its twelve digits given a new check digit
export const GTIN_B = '00361414567894';
const pack = (gtin: string, serial: string, lot: string, expiry: string, expiryDate: string) => ({
  gtin,
  serial,
  lot,
  expiry,
  expiryDate,
  status: 'commissioned',
});

// One request per kind, then a plain miss and a match; `status` is the answer's.
export const requests = [
  { name: 'lot_format', p: { gtin: GTIN_A, ser: 'SN00123', lot: 'ab12c', exp: '280331' }, status: 200 },
  { name: 'expiry_day', p: { gtin: GTIN_A, ser: '000777', lot: 'L7', exp: '280300' }, status: 200 },
  { name: 'expiry_century', p: { gtin: GTIN_A, ser: 'OLD1', lot: 'L0', exp: '201203' }, status: 200 },
  { name: 'serial_format', p: { gtin: GTIN_A, ser: 'sn00123', lot: 'AB12C', exp: '280331' }, status: 200 },
  { name: 'serial_format', p: { gtin: GTIN_A, ser: '777', lot: 'L7', exp: '280315' }, status: 200 },
  { name: 'gtin_padding', p: { gtin: SHIFTED_A, ser: 'SN00123', lot: 'AB12C', exp: '280331' }, status: 404 },
  { name: 'serial_other_gtin', p: { gtin: GTIN_A, ser: 'ONLYB1', lot: 'LB', exp: '280331' }, status: 200 },
  { name: null, p: { gtin: GTIN_A, ser: 'NOPE', lot: 'AB12C', exp: '280331' }, status: 200 },
  { name: null, p: { gtin: GTIN_A, ser: 'SN00123', lot: 'AB12C', exp: '280331' }, status: 200 },
] as const;

export type Asked = { gtin: string; serial: string; lot: string; expiry: string; nearMiss: string | null };
const key = (r: Omit<Asked, 'nearMiss'>) => `${r.gtin}/${r.serial}/${r.lot}/${r.expiry}`;
export const byRequest = (rows: Asked[]) => Object.fromEntries(rows.map((r) => [key(r), r.nearMiss ?? '']));
export const expected = byRequest(
  requests.map(({ name, p }) => ({ gtin: p.gtin, serial: p.ser, lot: p.lot, expiry: p.exp, nearMiss: name })),
);

/** Seeds the producer's packs and asks every request once as the consumer; returns the answers. */
export async function askNearMisses(ctx: ApiTestContext) {
  const db = ctx.database.db;
  const producer: Company = await companyWithGln(db, PRODUCER_GLN, ['producer']);
  const producerKey = await apiKeyFor(db, producer);
  const consumerKey = await apiKeyFor(db, await companyWithGln(db, CONSUMER_GLN, ['consumer']));
  await seedProduct(db, producer, GTIN_A, [
    pack(GTIN_A, 'SN00123', 'AB12C', '280331', '2028-03-31'),
    pack(GTIN_A, '000777', 'L7', '280315', '2028-03-15'),
    pack(GTIN_A, 'OLD1', 'L0', '120331', '2012-03-31'),
  ]);
  await seedProduct(db, producer, GTIN_B, [pack(GTIN_B, 'ONLYB1', 'LB', '280331', '2028-03-31')]);
  const answers: { status: number; text: string }[] = [];
  for (const { p } of requests) {
    const res = await ctx.call('GET', verifyPath(p), { token: consumerKey });
    answers.push({ status: res.status, text: await res.text() });
  }
  await ctx.history.flush();
  return { producerKey, consumerKey, answers };
}
