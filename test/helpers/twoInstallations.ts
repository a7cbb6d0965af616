import type { PeerListener } from '../../api/peer/listener.js';
import { startPeerServer } from '../../api/peer/startPeerServer.js';
import { partnersChanged } from '../../api/routing/partnersChanged.js';
import { listenForCertificateChanges } from '../../db/certificateEvents.js';
import { findActiveCertificate } from '../../db/repositories/certificates.js';
import type { DispatcherOptions } from '../../peers/partnerDispatchers.js';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './api.js';
import { loopbackLookup } from './loopbackLookup.js';

/** One vrs installation of a pair: its own app, database, CA and mTLS peer listener. */
export interface InstallationUnderTest {
  ctx: ApiTestContext;
  listener: PeerListener;
  /** The host its server certificate names; resolved to loopback by the other side. */
  host: string;
  gln: string;
  /** Base URL peers call it at (its own host, the listener's port). */
  peerUrl: string;
  caPem: string;
  /** The other installation's id in this installation's partners table. */
  partnerId: string;
}

export interface TwoInstallations {
  a: InstallationUnderTest;
  b: InstallationUnderTest;
  close(): Promise<void>;
}

const admin = async (ctx: ApiTestContext, method: string, path: string, body?: unknown): Promise<{ id: string }> => {
  const res = await ctx.call(method, path, { token: ADMIN_TOKEN, body });
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string };
};

/**
 * Two vrs installations on loopback, each registered as the other's partner over the admin API:
 * each issues, with its own CA, a client certificate dedicated to the other, and the other
 * registers it as that partner's peer certificate. `env` applies to both (PEER_TIMEOUT_MS, say);
 * `peers` adds outbound connection settings (host names always resolve to loopback).
 */
export async function createTwoInstallations(
  fileTag: string,
  options: { env?: Record<string, string>; peers?: DispatcherOptions } = {},
): Promise<TwoInstallations> {
  const stops: (() => Promise<void>)[] = [];
  const start = async (side: 'a' | 'b', gln: string) => {
    const host = `vrs-${side}.test`;
    const ctx = await createApiTestContext(
      `${fileTag}-${side}`,
      {
        PEER_PORT: '0',
        HOST: '127.0.0.1',
        PUBLIC_URL: `https://${host}`,
        VRS_GLN: gln,
        VRS_NAME: `vrs-${side}`,
        ...options.env,
      },
      undefined,
      { peers: { lookup: loopbackLookup, ...options.peers } },
    );
    const listener = await startPeerServer(ctx.deps, ctx.database.url);
    const stopWatching = await listenForCertificateChanges(
      ctx.database.url,
      () => partnersChanged(ctx.deps),
      () => {},
    );
    stops.push(async () => {
      await stopWatching();
      await listener.close();
      await ctx.close();
    });
    const caPem = (await findActiveCertificate(ctx.database.db, 'ca'))!.certificatePem!;
    const port = new URL(listener.url).port;
    return { ctx, listener, host, gln, peerUrl: `https://${host}:${port}`, caPem, partnerId: '' };
  };
  const a = await start('a', '0860000000017');
  const b = await start('b', '0870000000016');

  for (const [self, other] of [
    [a, b],
    [b, a],
  ] as const) {
    self.partnerId = (
      await admin(self.ctx, 'POST', '/v1/admin/partners', {
        name: `VRS ${other.host}`,
        gln: other.gln,
        baseUrl: other.peerUrl,
        caPem: other.caPem,
      })
    ).id;
  }
  for (const [self, other] of [
    [a, b],
    [b, a],
  ] as const) {
    const issued = await admin(self.ctx, 'POST', `/v1/admin/partners/${self.partnerId}/certificates`, {
      mode: 'issue',
    });
    const certificatePem = (
      await self.ctx.database.db
        .selectFrom('certificates')
        .select('cert_pem')
        .where('id', '=', issued.id)
        .executeTakeFirstOrThrow()
    ).cert_pem!;
    await admin(other.ctx, 'POST', `/v1/admin/partners/${other.partnerId}/peer-certificates`, { certificatePem });
  }
  // The change notifications reload the listeners too; reloading here makes the pair usable at once.
  await Promise.all([a.listener.reload(), b.listener.reload()]);
  partnersChanged(a.ctx.deps);
  partnersChanged(b.ctx.deps);
  return {
    a,
    b,
    async close() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}

/**
 * Puts a Lookup Directory record on `at` saying `partner` answers for the GTIN, as a pull of the
 * partner's directory would (source and partner_id are the partner's id here).
 */
export async function addPartnerRecord(
  at: InstallationUnderTest,
  partner: InstallationUnderTest,
  gtin: string,
  responderGln: string,
  validity: { from?: Date; to?: Date | null } = {},
): Promise<void> {
  await at.ctx.database.db
    .insertInto('directory_entries')
    .values({
      gtin,
      responder_gln: responderGln,
      source: at.partnerId,
      partner_id: at.partnerId,
      vrs_name: `vrs-${partner.host}`,
      verification_url: partner.peerUrl,
      connectivity_url: `${partner.peerUrl}/checkConnectivity`,
      valid_from: validity.from ?? new Date(Date.now() - 3_600_000),
      valid_to: validity.to ?? null,
    })
    .onConflict((oc) =>
      oc.columns(['gtin', 'source']).doUpdateSet((eb) => ({
        responder_gln: eb.ref('excluded.responder_gln'),
        verification_url: eb.ref('excluded.verification_url'),
        connectivity_url: eb.ref('excluded.connectivity_url'),
        valid_from: eb.ref('excluded.valid_from'),
        valid_to: eb.ref('excluded.valid_to'),
      })),
    )
    .execute();
}
