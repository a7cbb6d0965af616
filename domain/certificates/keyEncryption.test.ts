import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  decryptAtRest,
  decryptAtRestText,
  encryptAtRest,
  parseMasterKey,
  reencrypt,
  sealedKeyId,
  type MasterKey,
} from './keyEncryption.js';
import { createMasterKeyCheck, verifyMasterKeyCheck } from './masterKeyCheck.js';
import { testCa, testLeaf, unwrap } from '../../test/helpers/testPki.js';

const newMasterKey = async (): Promise<MasterKey> => unwrap(await parseMasterKey(randomBytes(32).toString('base64')));

/** Flips one bit of the decoded ciphertext and re-encodes it. */
function flipCiphertextBit(sealed: string, index: number): string {
  const [v, keyId, iv, ct] = sealed.split(':') as [string, string, string, string];
  const bytes = Buffer.from(ct, 'base64');
  bytes[index]! ^= 0x01;
  return [v, keyId, iv, bytes.toString('base64')].join(':');
}

describe('parseMasterKey', () => {
  test('takes base64 of 32 bytes; the key id is the first 8 hex of its SHA-256', async () => {
    const key = await parseMasterKey(Buffer.alloc(32).toString('base64'));
    // SHA-256 of 32 zero bytes starts 66687aad.
    expect(key).toMatchObject({ ok: true, value: { keyId: '66687aad' } });
  });

  test.each([
    ['', 'not set'],
    [undefined, 'not set'],
    ['not base64!', 'not base64'],
    [Buffer.alloc(16).toString('base64'), '16 bytes'],
    [randomBytes(32).toString('hex'), 'looks like hex'],
  ])('refuses %j (%s)', async (text, why) => {
    const result = await parseMasterKey(text);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_master_key', message: expect.stringContaining(why) },
    });
  });
});

describe('private keys at rest', () => {
  test('round trip of a real PKCS#8 PEM, in the v1 format, never showing the key', async () => {
    const master = await newMasterKey();
    const { privateKeyPem } = await testLeaf(await testCa());
    const sealed = await encryptAtRest(master, privateKeyPem);
    expect(sealed).toMatch(new RegExp(`^v1:${master.keyId}:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/=]+$`));
    expect(sealed).not.toContain('PRIVATE KEY');
    expect(sealedKeyId(sealed)).toBe(master.keyId);
    expect(unwrap(await decryptAtRestText(master, sealed))).toBe(privateKeyPem);
  });

  test('bytes round trip, with a fresh IV every time', async () => {
    const master = await newMasterKey();
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const [a, b] = [await encryptAtRest(master, bytes), await encryptAtRest(master, bytes)];
    expect(a).not.toBe(b);
    expect(unwrap(await decryptAtRest(master, a))).toEqual(bytes);
  });

  test('any flipped ciphertext or tag bit -> tampered', async () => {
    const master = await newMasterKey();
    const sealed = await encryptAtRest(master, 'secret');
    const length = Buffer.from(sealed.split(':')[3]!, 'base64').length;
    for (const index of [0, 5, length - 1]) {
      expect(await decryptAtRest(master, flipCiphertextBit(sealed, index))).toMatchObject({
        ok: false,
        error: { code: 'tampered' },
      });
    }
  });

  test('relabelling with the current key id -> tampered (the key id is authenticated)', async () => {
    const [old, current] = [await newMasterKey(), await newMasterKey()];
    const relabelled = (await encryptAtRest(old, 'secret')).replace(old.keyId, current.keyId);
    expect(await decryptAtRest(current, relabelled)).toMatchObject({ ok: false, error: { code: 'tampered' } });
  });

  test('another master key -> wrong_master_key, naming both key ids', async () => {
    const [a, b] = [await newMasterKey(), await newMasterKey()];
    const result = await decryptAtRest(b, await encryptAtRest(a, 'secret'));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'wrong_master_key', message: expect.stringContaining(a.keyId) },
    });
  });

  test.each(['', 'v2:abcd:AAAA:AAAA', 'v1:abcd:AAAA', 'v1:abcd:AAAA:AAAA:AAAA', 'v1:abcd:!!:AAAA'])(
    '%j is malformed',
    async (sealed) => {
      expect(await decryptAtRest(await newMasterKey(), sealed)).toMatchObject({
        ok: false,
        error: { code: 'malformed' },
      });
    },
  );

  test('re-keying moves a value to the new master key', async () => {
    const [old, next] = [await newMasterKey(), await newMasterKey()];
    const moved = unwrap(await reencrypt(old, next, await encryptAtRest(old, 'secret')));
    expect(sealedKeyId(moved)).toBe(next.keyId);
    expect(unwrap(await decryptAtRestText(next, moved))).toBe('secret');
  });
});

describe('master key check at startup', () => {
  test('passes with the key it was made with, refuses another', async () => {
    const [right, wrong] = [await newMasterKey(), await newMasterKey()];
    const stored = await createMasterKeyCheck(right);
    expect(await verifyMasterKeyCheck(right, stored)).toEqual({ ok: true, value: undefined });
    const refused = await verifyMasterKeyCheck(wrong, stored);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'wrong_master_key', message: expect.stringContaining('refusing to start') },
    });
  });

  test('refuses a check that decrypts to something else', async () => {
    const master = await newMasterKey();
    expect(await verifyMasterKeyCheck(master, await encryptAtRest(master, 'other'))).toMatchObject({
      ok: false,
      error: { code: 'tampered' },
    });
  });
});
