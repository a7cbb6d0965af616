import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCa, issueClientCertificate } from '../../domain/certificates/index.js';
import { unwrap } from './testPki.js';
import { ADMIN_TOKEN, type ApiTestContext } from './api.js';

const DAY = 86_400_000;

export interface SeenRequest {
  url: string;
  headers: IncomingHttpHeaders;
}

/** How the fake answers one request; `undefined` leaves it hanging. */
export type FakeBehaviour = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A misbehaving partner VRS: a real HTTPS server on loopback with a CA and server certificate
 * made at test time, answering as `behaviour` says (changeable between requests).
 */
export interface FakePeer {
  host: string;
  /** https://<host>:<port>, the host resolved to loopback by the client under test. */
  url: string;
  caPem: string;
  seen: SeenRequest[];
  behaviour: FakeBehaviour;
  close(): Promise<void>;
}

export async function startFakePeer(host: string, behaviour: FakeBehaviour): Promise<FakePeer> {
  const now = Date.now();
  const ca = unwrap(
    await createCa({ commonName: `${host} CA`, notBefore: new Date(now - DAY), notAfter: new Date(now + 365 * DAY) }),
  );
  const cert = unwrap(
    await issueClientCertificate({
      ca,
      identity: { host, organization: 'Fake VRS', gln: '0614141000005' },
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 30 * DAY),
      usage: 'serverAuth',
    }),
  );
  const fake: FakePeer = {
    host,
    url: '',
    caPem: ca.certificatePem,
    seen: [],
    behaviour,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer({ key: cert.privateKeyPem, cert: cert.certificatePem }, (req, res) => {
    fake.seen.push({ url: req.url ?? '', headers: req.headers });
    fake.behaviour(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `https://${host}:${(server.address() as AddressInfo).port}`;
  return fake;
}

export const answerJson =
  (status: number, body: unknown): FakeBehaviour =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

export const hang: FakeBehaviour = () => {};

/**
 * Registers the fake as a partner of `ctx` (with a client certificate issued by ctx's CA, as an
 * operator would) and gives it a Lookup Directory record for `gtin`. Returns the partner id.
 */
export async function registerFakePartner(
  ctx: ApiTestContext,
  fake: FakePeer,
  gln: string,
  gtin: string,
  settings: { proxyUrl?: string; extraHeaders?: Record<string, string> } = {},
): Promise<string> {
  const admin = async (path: string, body: unknown) => {
    const res = await ctx.call('POST', path, { token: ADMIN_TOKEN, body });
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const { id } = await admin('/v1/admin/partners', {
    name: `Fake ${fake.host}`,
    gln,
    baseUrl: fake.url,
    caPem: fake.caPem,
    ...settings,
  });
  await admin(`/v1/admin/partners/${id}/certificates`, { mode: 'issue' });
  await ctx.database.db
    .insertInto('directory_entries')
    .values({
      gtin,
      responder_gln: gln,
      source: id,
      partner_id: id,
      vrs_name: fake.host,
      verification_url: fake.url,
      connectivity_url: `${fake.url}/checkConnectivity`,
      valid_from: new Date(Date.now() - DAY),
    })
    .execute();
  return id;
}
