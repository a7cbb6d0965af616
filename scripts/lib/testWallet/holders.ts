import { randomUUID } from 'node:crypto';
import { newSigningKey, signJwt, type SigningKey } from './es256k.js';

/**
 * What is wrong with a holder's presentations, one fault per OCI error code the wallet can see
 * (jwt_invalid and vp_nonce_invalid come from a caller's tampering, not from a holder).
 */
export const HOLDER_FAULTS = {
  stale: 'vp_iat_expired',
  iat_in_future: 'vp_iat_invalid',
  wrong_issuer: 'vp_iss_invalid',
  credential_expired: 'vc_exp_expired',
  credential_exp_invalid: 'vc_exp_invalid',
  credential_not_yet_valid: 'vc_nbf_expired',
  credential_nbf_invalid: 'vc_nbf_invalid',
  not_atp_credential: 'vc_invalid',
  untrusted_issuer: 'vc_non_trusted_issuer',
  revoked: 'vc_revoked',
  bad_proof: 'vc_proof_invalid',
  no_credential: 'vc_not_found',
} as const;
export type HolderFault = keyof typeof HOLDER_FAULTS;

export interface HolderSpec {
  did: string;
  legalName: string;
  organizationType?: 'Manufacturer' | 'Repackager' | 'Wholesaler' | '3PL' | 'Dispenser';
  gln?: string;
  fault?: HolderFault;
}

export interface Holder extends HolderSpec {
  key: SigningKey;
  /** The credential (a JWT signed by the issuer), made once at start like a real issuance. */
  credential: string;
  credentialId: string;
}

const DAY_SEC = 86_400;
const nowSec = () => Date.now() / 1000;

/** Issues the holder's DSCSAATPCredential with the issuer's key (a rogue issuer's for untrusted_issuer). */
export function issueHolder(spec: HolderSpec, issuer: SigningKey, rogueIssuer: SigningKey): Holder {
  const key = newSigningKey(spec.did);
  const credentialId = `urn:uuid:${randomUUID()}`;
  const now = nowSec();
  const nbf = spec.fault === 'credential_not_yet_valid' ? now + DAY_SEC : now - DAY_SEC;
  const exp = spec.fault === 'credential_expired' ? now - 3_600 : now + 365 * DAY_SEC;
  const claims = {
    iss: spec.fault === 'untrusted_issuer' ? rogueIssuer.did : issuer.did,
    sub: spec.did,
    jti: credentialId,
    nbf: spec.fault === 'credential_nbf_invalid' ? 'yesterday' : nbf,
    exp: spec.fault === 'credential_exp_invalid' ? 'next year' : exp,
    vc: {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential', spec.fault === 'not_atp_credential' ? 'IdentityCredential' : 'DSCSAATPCredential'],
      credentialSubject: {
        id: spec.did,
        legalName: spec.legalName,
        organizationType: spec.organizationType ?? 'Wholesaler',
        address: { addressCountry: 'US' },
        ...(spec.gln && { identifier: [{ propertyID: 'globalLocationNumber', value: spec.gln }] }),
      },
    },
  };
  let credential = signJwt(spec.fault === 'untrusted_issuer' ? rogueIssuer : issuer, claims);
  if (spec.fault === 'bad_proof') credential = `${credential.slice(0, credential.lastIndexOf('.'))}.${'A'.repeat(86)}`;
  return { ...spec, key, credential, credentialId };
}

/** A presentation of the holder's credential bound to `nonce` (the request's corrUUID). */
export function present(holder: Holder, nonce: string): string {
  const now = nowSec();
  const iat = holder.fault === 'stale' ? now - 600 : holder.fault === 'iat_in_future' ? now + 3_600 : now;
  return signJwt(holder.key, {
    iss: holder.fault === 'wrong_issuer' ? `${holder.did}:impostor` : holder.did,
    jti: `urn:uuid:${randomUUID()}`,
    iat,
    nonce,
    vp: {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiablePresentation'],
      holder: holder.did,
      verifiableCredential: holder.fault === 'no_credential' ? [] : [holder.credential],
    },
  });
}
