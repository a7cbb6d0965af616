import { err, ok, type Result } from '../result.js';
import type { AtpErrorCode } from './policy.js';

/** A presentation lives 300 s from its `iat`. */
export const PRESENTATION_LIFETIME_SEC = 300;
/** Clocks differ: an `iat` this far in the future is still accepted. */
const CLOCK_SKEW_SEC = 60;

/** The claims the pre-checks read; the wallet checks everything else. */
export interface PresentationClaims {
  iss: string | null;
  nonce: string | null;
  iat: number | null;
}

/** Lower case, no `urn:uuid:` prefix: the same corrUUID spelled two ways is the same request. */
export const normalizeCorrUuid = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/^urn:uuid:/, '');

const base64urlJson = (part: string): unknown => {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) throw new Error('not base64url');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a compact JWT's header and claims without checking its signature. */
export function decodeJwt(
  jwt: string,
): Result<{ header: Record<string, unknown>; claims: Record<string, unknown> }, string> {
  const parts = jwt.trim().split('.');
  if (parts.length !== 3 || !parts[2]) return err('not a compact JWT (three dot-separated parts)');
  try {
    const header = base64urlJson(parts[0]!);
    const claims = base64urlJson(parts[1]!);
    if (!isObject(header) || !isObject(claims)) return err('header and claims must be JSON objects');
    return ok({ header, claims });
  } catch {
    return err('a JWT part is not base64url JSON');
  }
}

/** The GLN among the credential's `identifier` entries (JWT or embedded JSON-LD credential), if any. */
export function credentialGln(claims: Record<string, unknown>): string | undefined {
  const vp = isObject(claims.vp) ? claims.vp : {};
  const first: unknown = Array.isArray(vp.verifiableCredential) ? vp.verifiableCredential[0] : undefined;
  let credential: unknown = first;
  if (typeof first === 'string') {
    const decoded = decodeJwt(first);
    credential = decoded.ok ? decoded.value.claims.vc : undefined;
  }
  const subject = isObject(credential) ? credential.credentialSubject : undefined;
  const identifiers: unknown = isObject(subject) ? subject.identifier : undefined;
  const gln = (Array.isArray(identifiers) ? identifiers : [identifiers]).find(
    (i) => isObject(i) && i.propertyID === 'globalLocationNumber',
  ) as { value?: unknown } | undefined;
  return typeof gln?.value === 'string' ? gln.value : undefined;
}

/**
 * The cheap local checks before any wallet call: the JWT decodes, its `nonce` is this request's
 * corrUUID (anything else is a replay), its `iat` is within the lifetime, and a GLN the credential
 * names is the party's (`gln`: the request's reqGLN, or the answer's responderGLN). A presentation
 * that fails here never reaches the wallet. NumericDates may be fractional: read as numbers.
 */
export function precheckPresentation(
  jwt: string,
  corrUuid: string,
  now: Date,
  gln?: string,
): Result<PresentationClaims, AtpErrorCode> {
  const decoded = decodeJwt(jwt);
  if (!decoded.ok) return err('jwt_invalid');
  const { claims } = decoded.value;
  const iat = typeof claims.iat === 'number' && Number.isFinite(claims.iat) ? claims.iat : null;
  const nonce = typeof claims.nonce === 'string' ? claims.nonce : null;
  if (nonce === null || normalizeCorrUuid(nonce) !== normalizeCorrUuid(corrUuid)) return err('vp_nonce_invalid');
  if (iat === null) return err('vp_iat_invalid');
  const nowSec = now.getTime() / 1000;
  if (iat > nowSec + CLOCK_SKEW_SEC) return err('vp_iat_invalid');
  if (nowSec > iat + PRESENTATION_LIFETIME_SEC) return err('vp_iat_expired');
  const named = gln === undefined ? undefined : credentialGln(claims);
  if (named !== undefined && named !== gln) return err('vc_invalid');
  return ok({ iss: typeof claims.iss === 'string' ? claims.iss : null, nonce, iat });
}
