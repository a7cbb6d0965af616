import { generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { decodeJwt } from '../../../domain/atp/presentation.js';

/** A secp256k1 key pair and the DID URL (`kid`) its signatures name. */
export interface SigningKey {
  did: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export const newSigningKey = (did: string): SigningKey => ({
  did,
  ...generateKeyPairSync('ec', { namedCurve: 'secp256k1' }),
});

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS over the claims, ES256K (raw r||s signature, as JOSE wants it). */
export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const input = `${part({ alg: 'ES256K', typ: 'JWT', kid: `${key.did}#key-1` })}.${part(claims)}`;
  const signature = sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

/** The JWT's header and claims when it decodes, is ES256K(-R) and `publicKey` signed it. */
export function verifyJwt(
  jwt: string,
  publicKey: KeyObject,
): { header: Record<string, unknown>; claims: Record<string, unknown>; signed: boolean } | undefined {
  const decoded = decodeJwt(jwt);
  if (!decoded.ok) return undefined;
  const { header, claims } = decoded.value;
  if (header.alg !== 'ES256K' && header.alg !== 'ES256K-R') return undefined;
  const [h, c, s] = jwt.trim().split('.');
  // ES256K-R appends a recovery byte to r||s; the signature check needs only r||s.
  const signature = Buffer.from(s!, 'base64url').subarray(0, 64);
  const signed = verify('sha256', Buffer.from(`${h}.${c}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  return { header, claims, signed };
}
