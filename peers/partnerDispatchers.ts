import type { LookupFunction } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { Kysely } from 'kysely';
import { Agent, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';
import { decryptAtRestText, type MasterKey } from '../domain/certificates/index.js';
import { findActiveCertificate } from '../db/repositories/certificates.js';
import { findPartner } from '../db/repositories/partners.js';
import type { Database } from '../db/schema.js';
import { openExtraHeaders } from './extraHeaders.js';
import { PeerRequestError } from './peerErrors.js';

/** What every request to one partner goes out with. */
export interface PartnerConnection {
  partnerId: string;
  partnerName: string;
  dispatcher: Dispatcher;
  /** `accept` and the partner's extra headers, as name/value pairs (built once per partner). */
  headers: readonly string[];
}

interface Entry {
  /** Certificate, CA, proxy and headers as read: an unchanged partner keeps its warm pool. */
  signature: string;
  connection: Promise<PartnerConnection>;
  stale: boolean;
}

/** A load in flight, shared by the requests that arrive meanwhile. */
type Loading = Promise<PartnerConnection>;

export interface DispatcherOptions {
  /** Idle keep-alive sockets close after this long. */
  keepAliveMs?: number;
  /** Sockets per partner origin. */
  connections?: number;
  /** The environment proxies are read from (tests pass their own). */
  env?: NodeJS.ProcessEnv;
  /** Host name resolution (tests send their made-up partner host names to loopback). */
  lookup?: LookupFunction;
}

/**
 * One undici dispatcher per partner: a keep-alive pool presenting the client certificate dedicated
 * to that partner and trusting only that partner's CA, through the partner's proxy (or the
 * environment's HTTPS_PROXY / NO_PROXY). `invalidate()` (on every certificate or partner change
 * notification) makes the next request re-read the partner; a partner whose certificate and
 * settings did not change keeps its pool.
 */
export class PartnerDispatchers {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Loading>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly master: MasterKey,
    private readonly options: DispatcherOptions = {},
  ) {}

  connectionFor(partnerId: string): Promise<PartnerConnection> {
    const entry = this.entries.get(partnerId);
    if (entry && !entry.stale) return entry.connection;
    let next = this.loading.get(partnerId);
    if (!next) {
      next = this.load(partnerId, entry);
      this.loading.set(partnerId, next);
      // A failed load is not kept: the next request tries again (a certificate may have been added).
      const settled = () => this.loading.delete(partnerId);
      next.then(settled, () => {
        settled();
        if (entry && this.entries.get(partnerId) === entry) {
          this.entries.delete(partnerId);
          void entry.connection.then(
            (c) => c.dispatcher.close(),
            () => {},
          );
        }
      });
    }
    return next;
  }

  invalidate(): void {
    for (const entry of this.entries.values()) entry.stale = true;
  }

  async close(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(
      entries.map((e) =>
        e.connection.then(
          (c) => c.dispatcher.close(),
          () => {},
        ),
      ),
    );
  }

  private async load(partnerId: string, previous: Entry | undefined): Promise<PartnerConnection> {
    const [partner, certificate] = await Promise.all([
      findPartner(this.db, partnerId),
      findActiveCertificate(this.db, 'client', partnerId),
    ]);
    if (!partner) throw new PeerRequestError('unconfigured', partnerId, `unknown partner ${partnerId}`);
    if (!certificate?.certificatePem || !certificate.encryptedKey)
      throw new PeerRequestError('unconfigured', partnerId, `no active client certificate for partner ${partner.name}`);
    const signature = JSON.stringify([
      certificate.id,
      partner.caPem,
      partner.proxyUrl,
      partner.sealedExtraHeaders,
      partner.name,
    ]);
    if (previous && previous.signature === signature) {
      previous.stale = false;
      return previous.connection;
    }
    const connection = (async (): Promise<PartnerConnection> => {
      const key = await decryptAtRestText(this.master, certificate.encryptedKey!);
      if (!key.ok)
        throw new PeerRequestError(
          'unconfigured',
          partnerId,
          `cannot open the client key for partner ${partner.name}: ${key.error.message}`,
        );
      const extra = await openExtraHeaders(this.master, partner.sealedExtraHeaders);
      const headers = Object.entries({ accept: 'application/json', ...extra }).flat();
      // Parsed once per partner: given as PEM, every new connection would parse them again.
      const tls = {
        secureContext: createSecureContext({
          cert: certificate.certificatePem!,
          key: key.value,
          ca: partner.caPem,
          minVersion: 'TLSv1.2',
        }),
      };
      return { partnerId, partnerName: partner.name, dispatcher: this.dispatcher(partner.proxyUrl, tls), headers };
    })();
    this.entries.set(partnerId, { signature, connection, stale: false });
    connection.catch(() => {
      if (this.entries.get(partnerId)?.connection === connection) this.entries.delete(partnerId);
    });
    // The old pool finishes its in-flight requests, then closes.
    if (previous)
      void previous.connection.then(
        (c) => c.dispatcher.close(),
        () => {},
      );
    return connection;
  }

  private dispatcher(proxyUrl: string | null, tls: { secureContext: SecureContext }): Dispatcher {
    const pool = {
      keepAliveTimeout: this.options.keepAliveMs ?? 30_000,
      connections: this.options.connections ?? 64,
      connect: { ...tls, autoSelectFamily: true, ...(this.options.lookup && { lookup: this.options.lookup }) },
    };
    if (proxyUrl === 'direct') return new Agent(pool);
    // Through a proxy the TLS session to the partner runs inside the CONNECT tunnel (requestTls).
    if (proxyUrl !== null) return new ProxyAgent({ ...pool, uri: proxyUrl, requestTls: tls });
    const env = this.options.env ?? process.env;
    const httpsProxy = env.https_proxy ?? env.HTTPS_PROXY;
    if (!httpsProxy) return new Agent(pool);
    return new EnvHttpProxyAgent({
      ...pool,
      httpsProxy,
      httpProxy: env.http_proxy ?? env.HTTP_PROXY ?? httpsProxy,
      noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
      requestTls: tls,
    });
  }
}
