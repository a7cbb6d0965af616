import type { AtpWallet } from '../../domain/atp/policy.js';

/** One wallet call: `failed` is the wallet's verdict (HTTP 2xx, success false); `error` is no usable answer. */
export type WalletVerdict =
  | { result: 'ok'; presentation: string | undefined }
  | { result: 'failed'; errorCodes: string[] }
  | { result: 'error'; reason: string };
export type WalletAnswer = WalletVerdict & { latencyMs: number };

interface Token {
  value: string;
  expiresAt: number;
}

/** A token is renewed this long before the wallet says it expires. */
const TOKEN_MARGIN_MS = 60_000;
const DEFAULT_TOKEN_LIFETIME_SEC = 3_600;
const ERROR_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Calls a company's wallet (OCI wallet API v2.0.0), each call within the peer time budget. OAuth
 * tokens are cached per wallet for their lifetime (providers cap tokens per day), one request for
 * a token however many verifications wait for it; a 401 drops the token and retries once.
 */
export class WalletClient {
  private readonly tokens = new Map<string, Promise<Token>>();

  constructor(private readonly budgetMs: number) {}

  generate(wallet: AtpWallet, corrUuid: string): Promise<WalletAnswer> {
    return this.call(wallet, wallet.generatePath, {
      corrUUID: corrUuid,
      [wallet.holderDidField]: wallet.did,
      credentialType: 'DSCSAATPCredential',
    });
  }

  verify(wallet: AtpWallet, presentation: string): Promise<WalletAnswer> {
    return this.call(wallet, wallet.verifyPath, { verifiablePresentation: presentation, verifierDID: wallet.did });
  }

  private async call(wallet: AtpWallet, path: string, body: unknown): Promise<WalletAnswer> {
    const startedAt = performance.now();
    const budget = new AbortController();
    const timer = setTimeout(() => budget.abort(), this.budgetMs);
    const answer = (a: WalletVerdict): WalletAnswer => ({ ...a, latencyMs: performance.now() - startedAt });
    try {
      let res = await this.post(wallet, path, body, budget.signal);
      if (res.status === 401 && wallet.authKind === 'oauth2-client-credentials') {
        this.tokens.delete(tokenKey(wallet));
        res = await this.post(wallet, path, body, budget.signal);
      }
      if (res.status < 200 || res.status > 299)
        return answer({ result: 'error', reason: `wallet answered ${res.status}` });
      const json = (await res.json()) as Record<string, unknown>;
      if (json.success === true) {
        const vp = json.verifiablePresentation;
        return answer({ result: 'ok', presentation: typeof vp === 'string' ? vp : undefined });
      }
      // Codes are stored as words: anything else a wallet sends is dropped.
      const codes = Array.isArray(json.errorCodes)
        ? json.errorCodes.filter((c): c is string => typeof c === 'string' && ERROR_CODE.test(c))
        : [];
      return answer({ result: 'failed', errorCodes: codes.length > 0 ? codes : ['vc_invalid'] });
    } catch (error) {
      const reason = budget.signal.aborted ? `no answer within ${this.budgetMs} ms` : (error as Error).message;
      return answer({ result: 'error', reason });
    } finally {
      clearTimeout(timer);
    }
  }

  private async post(wallet: AtpWallet, path: string, body: unknown, signal: AbortSignal): Promise<Response> {
    const auth: Record<string, string> =
      wallet.authKind === 'api-key'
        ? { [wallet.apiKeyHeader ?? 'X-API-Key']: wallet.secret }
        : { authorization: `Bearer ${(await this.tokenFor(wallet, signal)).value}` };
    return fetch(`${wallet.baseUrl.replace(/\/+$/, '')}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...auth },
      body: JSON.stringify(body),
      signal,
    });
  }

  private async tokenFor(wallet: AtpWallet, signal: AbortSignal): Promise<Token> {
    const key = tokenKey(wallet);
    for (;;) {
      const cached = this.tokens.get(key);
      if (!cached) return this.fetchToken(key, wallet, signal);
      const token = await cached;
      if (token.expiresAt > Date.now()) return token;
      // Expired: the first caller to notice asks for a new one, the others wait for it.
      if (this.tokens.get(key) === cached) this.tokens.delete(key);
    }
  }

  private fetchToken(key: string, wallet: AtpWallet, signal: AbortSignal): Promise<Token> {
    const token = (async () => {
      const res = await fetch(wallet.tokenUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: wallet.clientId ?? '',
          client_secret: wallet.secret,
        }),
        signal,
      });
      if (!res.ok) throw new Error(`token endpoint answered ${res.status}`);
      const json = (await res.json()) as { access_token?: unknown; expires_in?: unknown };
      if (typeof json.access_token !== 'string') throw new Error('token endpoint sent no access_token');
      const lifetimeSec = typeof json.expires_in === 'number' ? json.expires_in : DEFAULT_TOKEN_LIFETIME_SEC;
      return { value: json.access_token, expiresAt: Date.now() + Math.max(lifetimeSec * 1000 - TOKEN_MARGIN_MS, 0) };
    })();
    this.tokens.set(key, token);
    // A failed token request is forgotten so the next call asks again.
    token.catch(() => {
      if (this.tokens.get(key) === token) this.tokens.delete(key);
    });
    return token;
  }
}

// Changed settings (a new client secret, say) get a new token.
const tokenKey = (w: AtpWallet) => `${w.companyId}:${w.updatedAt.getTime()}`;
