import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { checkPresentation, type TrustStore } from './checkPresentation.js';
import { newSigningKey } from './es256k.js';
import { issueHolder, present, type Holder, type HolderSpec } from './holders.js';

export interface TestWalletOptions {
  port?: number;
  host?: string;
  /** The trusted test issuer of every holder's credential. */
  issuerDid?: string;
  holders: HolderSpec[];
  /** OAuth 2.0 client credentials accepted at /oauth/token. */
  clients?: { clientId: string; clientSecret: string }[];
  /** Static keys accepted in the X-API-Key header. */
  apiKeys?: string[];
  tokenLifetimeSec?: number;
}

/** up: answers; down: 503 to everything; slow: never answers (the caller's time budget ends the call). */
export type WalletMode = 'up' | 'down' | 'slow';

export interface TestWallet {
  url: string;
  tokenUrl: string;
  issuerDid: string;
  /** Calls received since start (or the last reset). */
  stats: { tokens: number; generate: number; verify: number };
  setMode(mode: WalletMode): void;
  revoke(holderDid: string): void;
  close(): Promise<void>;
}

const PATH = /^\/api\/v1\/verifiablePresentations?\/(generate|verify)$/;

/**
 * The OCI wallet API for tests and for installations without a commercial wallet: holder keys per
 * company, credentials from one test issuer, the OCI checks (signature, iat window, nonce,
 * expiry, trusted issuers, revocation). Keys live in memory: a restart issues everything anew.
 */
export async function startTestWallet(options: TestWalletOptions): Promise<TestWallet> {
  const issuer = newSigningKey(options.issuerDid ?? 'did:web:test-issuer.vrs.example');
  const rogue = newSigningKey('did:web:rogue-issuer.vrs.example');
  const holders = new Map<string, Holder>(options.holders.map((h) => [h.did, issueHolder(h, issuer, rogue)]));
  const revoked = new Set([...holders.values()].filter((h) => h.fault === 'revoked').map((h) => h.credentialId));
  const store: TrustStore = {
    holderKey: (did) => holders.get(did)?.key.publicKey,
    issuerKey: (did) => (did === issuer.did ? issuer.publicKey : undefined),
    knownIssuerKey: (did) => (did === rogue.did ? rogue.publicKey : undefined),
    revoked: (id) => revoked.has(id),
  };
  const tokens = new Map<string, number>();
  const lifetimeSec = options.tokenLifetimeSec ?? 86_400;
  const stats = { tokens: 0, generate: 0, verify: 0 };
  let mode: WalletMode = 'up';

  const authorized = (req: IncomingMessage) => {
    const key = req.headers['x-api-key'];
    if (typeof key === 'string' && options.apiKeys?.includes(key)) return true;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return bearer !== undefined && (tokens.get(bearer) ?? 0) > Date.now();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (mode === 'slow') return; // the socket stays open until the caller gives up
    if (mode === 'down') return send(503, { error: 'wallet down' });
    const text = await readBody(req);
    if (req.method === 'POST' && req.url === '/oauth/token') {
      const form = new URLSearchParams(text);
      const client = options.clients?.find(
        (c) => c.clientId === form.get('client_id') && c.clientSecret === form.get('client_secret'),
      );
      if (form.get('grant_type') !== 'client_credentials' || !client) return send(401, { error: 'invalid_client' });
      stats.tokens++;
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, Date.now() + lifetimeSec * 1000);
      return send(200, { access_token: token, token_type: 'Bearer', expires_in: lifetimeSec });
    }
    const operation = req.method === 'POST' ? PATH.exec(req.url ?? '')?.[1] : undefined;
    if (!operation) return send(404, { error: 'not found' });
    if (!authorized(req)) return send(401, { error: 'unauthorized' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return send(400, { error: 'body is not JSON' });
    }
    if (operation === 'generate') {
      stats.generate++;
      const holder = holders.get(String(body.holderDID ?? body.did ?? ''));
      if (!holder || typeof body.corrUUID !== 'string')
        return send(200, { success: false, errors: ['unknown holder or no corrUUID'], errorCodes: ['vc_not_found'] });
      return send(200, { success: true, verifiablePresentation: present(holder, body.corrUUID) });
    }
    stats.verify++;
    const codes = checkPresentation(String(body.verifiablePresentation ?? ''), store, Date.now() / 1000);
    return send(200, codes.length === 0 ? { success: true } : { success: false, errors: codes, errorCodes: codes });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500).end();
    });
  });
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    tokenUrl: `${url}/oauth/token`,
    issuerDid: issuer.did,
    stats,
    setMode: (next) => {
      mode = next;
    },
    revoke: (did) => {
      const holder = holders.get(did);
      if (holder) revoked.add(holder.credentialId);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
