import type { AtpWalletCache } from './walletCache.js';
import type { WalletClient } from './walletClient.js';

/** What verifications need for ATP credentials, built once per process. */
export interface Atp {
  wallets: AtpWalletCache;
  client: WalletClient;
  /** ATP_HEADER: the presentation's header unless a partner names its own. */
  header: string;
}
