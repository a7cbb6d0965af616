import type { KeyObject } from 'node:crypto';
import { decodeJwt, PRESENTATION_LIFETIME_SEC } from '../../../domain/atp/presentation.js';
import { verifyJwt } from './es256k.js';

/** Who the wallet knows: holders' public keys, the trusted issuers' keys, revoked credential ids. */
export interface TrustStore {
  holderKey(did: string): KeyObject | undefined;
  issuerKey(did: string): KeyObject | undefined;
  /** Keys of issuers that are not trusted, so their signatures still verify (vc_non_trusted_issuer, not vc_proof_invalid). */
  knownIssuerKey(did: string): KeyObject | undefined;
  revoked(credentialId: string): boolean;
}

const UUID = /^(urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const didOfKid = (kid: unknown) => (typeof kid === 'string' ? kid.split('#')[0] : undefined);

/**
 * The wallet's verdict on a presentation: [] when valid, else the first failing check's OCI
 * error code. NumericDates are read as numbers (fractional ones too).
 */
export function checkPresentation(jwt: string, store: TrustStore, nowSec: number): string[] {
  const outer = decodeJwt(jwt);
  if (!outer.ok) return ['jwt_invalid'];
  const { header, claims } = outer.value;
  const iss = typeof claims.iss === 'string' ? claims.iss : undefined;
  if (!iss || didOfKid(header.kid) !== iss) return ['vp_iss_invalid'];
  const holderKey = store.holderKey(iss);
  if (!holderKey) return ['vp_iss_invalid'];
  if (!verifyJwt(jwt, holderKey)?.signed) return ['jwt_invalid'];
  if (!isNumber(claims.iat) || claims.iat > nowSec + 60) return ['vp_iat_invalid'];
  if (nowSec > claims.iat + PRESENTATION_LIFETIME_SEC) return ['vp_iat_expired'];
  if (typeof claims.nonce !== 'string' || !UUID.test(claims.nonce)) return ['vp_nonce_invalid'];
  const vp = claims.vp as { verifiableCredential?: unknown } | undefined;
  const credentials = Array.isArray(vp?.verifiableCredential) ? vp.verifiableCredential : [];
  if (credentials.length === 0 || typeof credentials[0] !== 'string') return ['vc_not_found'];
  return checkCredential(credentials[0], iss, store, nowSec);
}

function checkCredential(jwt: string, holder: string, store: TrustStore, nowSec: number): string[] {
  const decoded = decodeJwt(jwt);
  if (!decoded.ok) return ['vc_invalid'];
  const { claims } = decoded.value;
  const vc = claims.vc as { type?: unknown; credentialSubject?: { id?: unknown } } | undefined;
  const types = Array.isArray(vc?.type) ? vc.type : [];
  if (!types.includes('DSCSAATPCredential') || claims.sub !== holder) return ['vc_invalid'];
  const issuer = typeof claims.iss === 'string' ? claims.iss : '';
  const trusted = store.issuerKey(issuer);
  const issuerKey = trusted ?? store.knownIssuerKey(issuer);
  if (!issuerKey || !verifyJwt(jwt, issuerKey)?.signed) return ['vc_proof_invalid'];
  if (!trusted) return ['vc_non_trusted_issuer'];
  if (!isNumber(claims.nbf)) return ['vc_nbf_invalid'];
  if (claims.nbf > nowSec) return ['vc_nbf_expired'];
  if (!isNumber(claims.exp)) return ['vc_exp_invalid'];
  if (claims.exp < nowSec) return ['vc_exp_expired'];
  if (typeof claims.jti === 'string' && store.revoked(claims.jti)) return ['vc_revoked'];
  return [];
}
