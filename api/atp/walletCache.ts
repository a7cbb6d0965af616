import type { Kysely } from 'kysely';
import { findAtpWallet } from '../../db/repositories/atpWallets.js';
import type { Database } from '../../db/schema.js';
import { decryptAtRestText, type MasterKey } from '../../domain/certificates/index.js';
import type { AtpWallet } from '../../domain/atp/policy.js';

interface Entry {
  wallet: Promise<AtpWallet | undefined>;
  expires: number;
}

/**
 * Company -> wallet settings with the secret opened, read at most once per `ttlMs` per company:
 * a verification must not pay a query and a decryption. The admin API invalidates on change
 * (other API processes see it within the TTL).
 */
export class AtpWalletCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly master: MasterKey,
    private readonly ttlMs = 5_000,
  ) {}

  walletOf(companyId: string): Promise<AtpWallet | undefined> {
    const entry = this.entries.get(companyId);
    if (entry && entry.expires > Date.now()) return entry.wallet;
    const wallet = this.load(companyId);
    this.entries.set(companyId, { wallet, expires: Date.now() + this.ttlMs });
    // A failed read is not remembered: the next verification tries again.
    wallet.catch(() => this.entries.delete(companyId));
    return wallet;
  }

  invalidate(companyId: string): void {
    this.entries.delete(companyId);
  }

  private async load(companyId: string): Promise<AtpWallet | undefined> {
    const stored = await findAtpWallet(this.db, companyId);
    if (!stored) return undefined;
    const { sealedSecret, ...settings } = stored;
    const secret = await decryptAtRestText(this.master, sealedSecret);
    if (!secret.ok)
      throw new Error(`the ATP wallet secret of company ${companyId} cannot be opened: ${secret.error.message}`);
    return { ...settings, secret: secret.value };
  }
}
