import { decryptAtRestText, encryptAtRest, type KeyEncryptionError, type MasterKey } from './keyEncryption.js';
import { err, ok, type Result } from '../result.js';

const SENTINEL = 'vrs master key check v1';

/**
 * Sealed once, at first start, and stored beside the data. Private keys are only decrypted when
 * a certificate is used, so without this a wrong VRS_MASTER_KEY would be noticed days later,
 * mid-handshake; with it, startup refuses at once.
 */
export const createMasterKeyCheck = (master: MasterKey): Promise<string> => encryptAtRest(master, SENTINEL);

export async function verifyMasterKeyCheck(
  master: MasterKey,
  storedCheck: string,
): Promise<Result<void, KeyEncryptionError>> {
  const opened = await decryptAtRestText(master, storedCheck);
  if (!opened.ok) {
    const why =
      opened.error.code === 'wrong_master_key'
        ? 'VRS_MASTER_KEY is not the key this installation was set up with'
        : opened.error.message;
    return err({ code: opened.error.code, message: `${why} (${opened.error.message}); refusing to start` });
  }
  if (opened.value !== SENTINEL)
    return err({
      code: 'tampered',
      message: 'the stored master key check does not hold the expected value; refusing to start',
    });
  return ok(undefined);
}
