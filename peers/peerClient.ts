import type { Kysely } from 'kysely';
import type { MasterKey } from '../domain/certificates/index.js';
import type { Database } from '../db/schema.js';
import { dispatchCapped } from './cappedAnswer.js';
import { PartnerDispatchers, type DispatcherOptions, type PartnerConnection } from './partnerDispatchers.js';
import { classifyPeerError, PeerRequestError, peerTimeout } from './peerErrors.js';

/** Peer answers larger than this are refused: a verification or directory page is far smaller. */
export const MAX_PEER_RESPONSE_BYTES = 64 * 1024;

export interface PeerResponse {
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body as UTF-8 text, at most the response cap. */
  body: string;
}

export interface PeerGetOptions {
  /** The caller's time budget: the call fails with `timeout` when the answer is not in by then (default: none). */
  timeoutMs?: number;
  headers?: Readonly<Record<string, string>>;
}

/**
 * Outbound calls to partner VRS over mutual TLS, shared by the API (routed verifications) and the
 * activities (directory pulls). Throws PeerRequestError when no usable answer came; any HTTP
 * status is an answer and is returned as such.
 */
export class PeerClient {
  private readonly dispatchers: PartnerDispatchers;
  private readonly maxResponseBytes: number;

  constructor(
    db: Kysely<Database>,
    master: MasterKey,
    options: DispatcherOptions & { maxResponseBytes?: number } = {},
  ) {
    this.dispatchers = new PartnerDispatchers(db, master, options);
    this.maxResponseBytes = options.maxResponseBytes ?? MAX_PEER_RESPONSE_BYTES;
  }

  async get(partnerId: string, url: string, options: PeerGetOptions = {}): Promise<PeerResponse> {
    const startedAt = performance.now();
    const budgetMs = options.timeoutMs ?? Infinity;
    if (!url.startsWith('https://'))
      throw new PeerRequestError('unconfigured', partnerId, `refusing a partner URL that is not https: ${url}`);
    let connection: PartnerConnection;
    let target: URL;
    try {
      connection = await this.dispatchers.connectionFor(partnerId);
      target = new URL(url);
    } catch (error) {
      throw classifyPeerError(partnerId, error, performance.now() - startedAt >= budgetMs);
    }
    const timeoutMs = budgetMs - (performance.now() - startedAt);
    if (timeoutMs <= 0) throw peerTimeout(partnerId);
    return dispatchCapped(
      connection.dispatcher,
      {
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'GET',
        headers: requestHeaders(connection.headers, options.headers),
      },
      { partnerId, maxBytes: this.maxResponseBytes, timeoutMs },
    );
  }

  /** Certificates or partners changed: the next call re-reads them. */
  invalidate(): void {
    this.dispatchers.invalidate();
  }

  close(): Promise<void> {
    return this.dispatchers.close();
  }
}

/** The partner's headers, then the caller's: a caller's header of the same name wins. */
function requestHeaders(partner: readonly string[], own: Readonly<Record<string, string>> | undefined): string[] {
  const headers: string[] = [];
  for (let i = 0; i < partner.length; i += 2)
    if (!own || !Object.hasOwn(own, partner[i]!)) headers.push(partner[i]!, partner[i + 1]!);
  for (const name in own) headers.push(name, own[name]!);
  return headers;
}
