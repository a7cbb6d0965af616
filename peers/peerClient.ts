import type { Kysely } from 'kysely';
import { request } from 'undici';
import type { MasterKey } from '../domain/certificates/index.js';
import type { Database } from '../db/schema.js';
import { PartnerDispatchers, type DispatcherOptions } from './partnerDispatchers.js';
import { classifyPeerError, PeerRequestError } from './peerErrors.js';

/** Peer answers larger than this are refused: a verification or directory page is far smaller. */
export const MAX_PEER_RESPONSE_BYTES = 64 * 1024;

export interface PeerResponse {
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body as UTF-8 text, at most the response cap. */
  body: string;
}

export interface PeerGetOptions {
  /** Aborting it (the caller's time budget) ends the call with a `timeout` failure. */
  signal?: AbortSignal;
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
    const { signal } = options;
    if (!url.startsWith('https://'))
      throw new PeerRequestError('unconfigured', partnerId, `refusing a partner URL that is not https: ${url}`);
    let response: Awaited<ReturnType<typeof request>>;
    try {
      const connection = await this.dispatchers.connectionFor(partnerId);
      signal?.throwIfAborted();
      response = await request(url, {
        method: 'GET',
        dispatcher: connection.dispatcher,
        // The partner's static headers first: a caller's header of the same name wins.
        headers: { accept: 'application/json', ...connection.headers, ...options.headers },
        signal,
      });
    } catch (error) {
      throw classifyPeerError(partnerId, error, signal);
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      body: await this.readCapped(partnerId, response.body, response.headers['content-length'], signal),
    };
  }

  /** Certificates or partners changed: the next call re-reads them. */
  invalidate(): void {
    this.dispatchers.invalidate();
  }

  close(): Promise<void> {
    return this.dispatchers.close();
  }

  private async readCapped(
    partnerId: string,
    body: AsyncIterable<Buffer> & { destroy(error?: Error): unknown },
    contentLength: string | string[] | undefined,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    const tooLarge = () =>
      new PeerRequestError(
        'too_large',
        partnerId,
        `the partner's answer is larger than ${this.maxResponseBytes} bytes`,
      );
    if (typeof contentLength === 'string' && Number(contentLength) > this.maxResponseBytes) {
      body.destroy();
      throw tooLarge();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of body) {
        size += chunk.length;
        if (size > this.maxResponseBytes) {
          body.destroy();
          throw tooLarge();
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof PeerRequestError) throw error;
      // A body cut short is not a connection error to retry: the request was answered.
      const failure = classifyPeerError(partnerId, error, signal);
      throw failure.kind === 'connect'
        ? new PeerRequestError('protocol', partnerId, failure.message, { cause: error })
        : failure;
    }
    return Buffer.concat(chunks, size).toString('utf8');
  }
}
