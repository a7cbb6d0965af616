import { certificateMetadata, type StoredCertificate } from '../../domain/certificates/index.js';
import { x509 } from '../../domain/certificates/x509.js';
import { insertCertificate } from '../../db/repositories/certificates.js';
import type { Partner } from '../../db/repositories/partners.js';
import type { ApiDeps } from '../deps.js';
import { Problem } from '../problem.js';

const invalid = (message: string) =>
  new Problem(422, 'Unprocessable Certificate', message, { errors: [{ path: 'certificatePem', message }] });

/** Registers a certificate the partner presents when it calls us (inbound mTLS). */
export async function registerPeerCertificate(
  deps: ApiDeps,
  partner: Partner,
  certificatePem: string,
): Promise<StoredCertificate> {
  const metadata = await certificateMetadata(certificatePem);
  if (!metadata.ok) throw invalid(metadata.error.message);
  const leaf = new x509.X509Certificate(certificatePem);
  const issuers = x509.PemConverter.decode(partner.caPem).map((der) => new x509.X509Certificate(der));
  const signedByPartner = await Promise.all(
    issuers.map((ca) => leaf.verify({ publicKey: ca.publicKey, signatureOnly: true }).catch(() => false)),
  );
  if (!signedByPartner.some(Boolean)) throw invalid("the certificate is not signed by the partner's CA");
  if (new Date(metadata.value.notAfter) <= deps.clock()) throw invalid('the certificate has expired');
  return insertCertificate(deps.db, {
    partnerId: partner.id,
    purpose: 'partner-client',
    status: 'active',
    certificatePem,
    fingerprint: metadata.value.fingerprintSha256,
    subject: metadata.value.subject,
    notBefore: new Date(metadata.value.notBefore),
    notAfter: new Date(metadata.value.notAfter),
  });
}
