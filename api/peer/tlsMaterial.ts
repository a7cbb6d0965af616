import type { Kysely } from 'kysely';
import { decryptAtRestText, type MasterKey } from '../../domain/certificates/index.js';
import { findActiveCertificate, listCertificates } from '../../db/repositories/certificates.js';
import { listPartners } from '../../db/repositories/partners.js';
import type { Database } from '../../db/schema.js';

export interface PeerIdentity {
  partnerId: string;
  partnerGln: string;
  /** The header this partner sends ATP presentations in; null: ATP_HEADER. */
  atpHeader: string | null;
}

/** Everything the mTLS listener needs, read fresh from the database on every (re)load. */
export interface PeerTlsMaterial {
  key: string;
  cert: string;
  /** Every partner's CA: a client certificate must chain to one of them. */
  ca: string[];
  /** Active (and overlapping, retiring) partner client certificates by SHA-256 fingerprint. */
  peers: Map<string, PeerIdentity>;
}

export class PeerTlsError extends Error {
  override name = 'PeerTlsError';
}

export async function loadPeerTlsMaterial(
  db: Kysely<Database>,
  master: MasterKey,
  now = new Date(),
): Promise<PeerTlsMaterial> {
  const server = await findActiveCertificate(db, 'server');
  if (!server?.certificatePem || !server.encryptedKey)
    throw new PeerTlsError('no active server certificate for the peer listener');
  const key = await decryptAtRestText(master, server.encryptedKey);
  if (!key.ok) throw new PeerTlsError(`cannot open the server key: ${key.error.message}`);

  const partners = await listPartners(db);
  const partnerOf = new Map(partners.map((p) => [p.id, p]));
  const peers = new Map<string, PeerIdentity>();
  for (const c of await listCertificates(db, { purposes: ['partner-client'] })) {
    const usable =
      (c.status === 'active' || c.status === 'retiring') &&
      c.fingerprint &&
      c.partnerId &&
      (!c.notAfter || c.notAfter > now);
    const partner = usable ? partnerOf.get(c.partnerId!) : undefined;
    if (partner)
      peers.set(c.fingerprint!, { partnerId: partner.id, partnerGln: partner.gln, atpHeader: partner.atpHeader });
  }
  return { key: key.value, cert: server.certificatePem, ca: partners.map((p) => p.caPem), peers };
}
