/** A GS1 verify URL as a peer's software would send it; override any parameter, or drop it with null. */
export const GTIN = '00361414567894';
export const CORR = '21EC2020-3AEA-4069-A2DD-08002B30309D';
export const CONSUMER_GLN = '0321012345676';
export const PRODUCER_GLN = '0312345000011';

export interface VerifyParams {
  gtin?: string;
  lot?: string;
  ser?: string;
  exp?: string | null;
  linkType?: string | null;
  context?: string | null;
  reqGLN?: string | null;
  corrUUID?: string | null;
  extra?: string;
}

export function verifyPath(p: VerifyParams = {}): string {
  const query: [string, string | null | undefined, string][] = [
    ['exp', p.exp, '281231'],
    ['linkType', p.linkType, 'verificationService'],
    ['context', p.context, 'dscsaSaleableReturn'],
    ['reqGLN', p.reqGLN, CONSUMER_GLN],
    ['corrUUID', p.corrUUID, CORR],
  ];
  const qs = query
    .filter(([, v]) => v !== null)
    .map(([k, v, d]) => `${k}=${v ?? d}`)
    .join('&');
  return `/verify/gtin/${p.gtin ?? GTIN}/lot/${p.lot ?? '1908642E'}/ser/${p.ser ?? '400806'}?${qs}${p.extra ?? ''}`;
}

/** The commissioned pack verifyPath() asks for by default, as seedProduct stores it. */
export function defaultPack(gtin = GTIN) {
  return {
    gtin,
    serial: '400806',
    lot: '1908642E',
    expiry: '281231',
    expiryDate: '2028-12-31',
    status: 'commissioned',
  };
}
