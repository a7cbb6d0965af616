import type { CryptoKey } from './webcrypto.js';
import { err, ok, type Result } from '../result.js';

export type KeyEncryptionErrorCode =
  /** VRS_MASTER_KEY is missing or is not base64 of 32 bytes. */
  | 'invalid_master_key'
  /** The stored value is not a `v1:` sealed string. */
  | 'malformed'
  /** Sealed under another master key (the key ids differ): re-key, or configure the old key. */
  | 'wrong_master_key'
  /** Same key id but GCM authentication failed: the value was altered. */
  | 'tampered';

export interface KeyEncryptionError {
  code: KeyEncryptionErrorCode;
  message: string;
}

/** The AES-256-GCM key from VRS_MASTER_KEY and its public id (first 8 hex of its SHA-256). */
export interface MasterKey {
  keyId: string;
  key: CryptoKey;
}

const VERSION = 'v1';
const IV_BYTES = 12; // the GCM standard nonce size
const fail = (code: KeyEncryptionErrorCode, message: string) => err<KeyEncryptionError>({ code, message });
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const GENERATE_HINT = 'generate one with: openssl rand -base64 32';

/** Parses VRS_MASTER_KEY: base64 of exactly 32 random bytes. */
export async function parseMasterKey(text: string | undefined): Promise<Result<MasterKey, KeyEncryptionError>> {
  const trimmed = (text ?? '').trim();
  if (!trimmed) return fail('invalid_master_key', `VRS_MASTER_KEY is not set; ${GENERATE_HINT}`);
  if (/^[0-9a-f]{64}$/i.test(trimmed))
    return fail('invalid_master_key', `VRS_MASTER_KEY looks like hex; it must be base64: ${GENERATE_HINT}`);
  if (!BASE64.test(trimmed)) return fail('invalid_master_key', `VRS_MASTER_KEY is not base64; ${GENERATE_HINT}`);
  const raw = new Uint8Array(Buffer.from(trimmed, 'base64'));
  if (raw.length !== 32)
    return fail('invalid_master_key', `VRS_MASTER_KEY decodes to ${raw.length} bytes, not 32; ${GENERATE_HINT}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw));
  const keyId = Buffer.from(digest.subarray(0, 4)).toString('hex');
  // Not extractable: nothing may read the master key back out of the process.
  const key = await crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  return ok({ keyId, key });
}

// The version and key id are authenticated too, so a value cannot be relabelled unnoticed.
const aad = (keyId: string) => new TextEncoder().encode(`${VERSION}:${keyId}`);

/** Seals bytes (or UTF-8 text such as a PKCS#8 PEM) as `v1:<keyId>:<iv b64>:<ciphertext+tag b64>`. */
export async function encryptAtRest(master: MasterKey, plaintext: Uint8Array | string): Promise<string> {
  const data = typeof plaintext === 'string' ? new TextEncoder().encode(plaintext) : plaintext;
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: aad(master.keyId) },
    master.key,
    data,
  );
  return `${VERSION}:${master.keyId}:${b64(iv)}:${b64(new Uint8Array(sealed))}`;
}

/** The key id a sealed value was encrypted under, to find what a re-keying must rewrite. */
export function sealedKeyId(sealed: string): string | null {
  const parts = sealed.split(':');
  return parts.length === 4 && parts[0] === VERSION ? parts[1]! : null;
}

export async function decryptAtRest(
  master: MasterKey,
  sealed: string,
): Promise<Result<Uint8Array, KeyEncryptionError>> {
  const [version, keyId, ivText, ctText, ...rest] = sealed.split(':');
  if (
    version !== VERSION ||
    !keyId ||
    !ivText ||
    !ctText ||
    rest.length ||
    !BASE64.test(ivText) ||
    !BASE64.test(ctText)
  ) {
    return fail('malformed', `not a ${VERSION}:<keyId>:<iv>:<ciphertext> sealed value`);
  }
  if (keyId !== master.keyId) {
    return fail(
      'wrong_master_key',
      `sealed with master key ${keyId}, but the configured VRS_MASTER_KEY is ${master.keyId}`,
    );
  }
  const iv = new Uint8Array(Buffer.from(ivText, 'base64'));
  if (iv.length !== IV_BYTES) return fail('malformed', `the IV must be ${IV_BYTES} bytes`);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: aad(keyId) },
      master.key,
      Buffer.from(ctText, 'base64'),
    );
    return ok(new Uint8Array(plain));
  } catch {
    return fail('tampered', `the sealed value under master key ${keyId} failed authentication (altered or corrupted)`);
  }
}

export async function decryptAtRestText(
  master: MasterKey,
  sealed: string,
): Promise<Result<string, KeyEncryptionError>> {
  const bytes = await decryptAtRest(master, sealed);
  return bytes.ok ? ok(new TextDecoder().decode(bytes.value)) : bytes;
}

/** Re-keying: open with the old master key, seal with the new one. */
export async function reencrypt(
  from: MasterKey,
  to: MasterKey,
  sealed: string,
): Promise<Result<string, KeyEncryptionError>> {
  const bytes = await decryptAtRest(from, sealed);
  return bytes.ok ? ok(await encryptAtRest(to, bytes.value)) : bytes;
}
