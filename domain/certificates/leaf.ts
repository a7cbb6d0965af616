import { certificateError, type CertificateError } from './errors.js';
import { subjectAltName } from './identity.js';
import type { LoadedIssuer } from './issuer.js';
import { randomSerialNumber } from './serial.js';
import { checkWindow } from './validity.js';
import { x509 } from './x509.js';
import type { CryptoKey } from './webcrypto.js';
import { err, ok, type Result } from '../result.js';

type X509Certificate = InstanceType<typeof x509.X509Certificate>;

export interface LeafParams {
  issuer: LoadedIssuer;
  publicKey: CryptoKey | InstanceType<typeof x509.PublicKey>;
  subject: InstanceType<typeof x509.Name>;
  host: string;
  notBefore: Date;
  notAfter: Date;
  /** clientAuth for partner connections (default); serverAuth for our own peer listener. */
  usage?: 'clientAuth' | 'serverAuth';
}

/**
 * A TLS leaf certificate signed by `issuer`: one extended key usage (clientAuth unless asked), digitalSignature only (enough
 * for ECDHE with either key type), SAN dNSName = our host, never a CA.
 */
export async function signClientLeaf(params: LeafParams): Promise<Result<X509Certificate, CertificateError>> {
  const window = checkWindow(params.notBefore, params.notAfter);
  if (!window.ok) return window;
  const ca = params.issuer.certificate;
  // A certificate outliving its CA would be refused by partners from the CA's expiry on.
  if (params.notBefore < ca.notBefore || params.notAfter > ca.notAfter) {
    return err(
      certificateError(
        'invalid_input',
        `validity must lie within the CA's (${ca.notBefore.toISOString()} to ${ca.notAfter.toISOString()})`,
      ),
    );
  }
  const certificate = await x509.X509CertificateGenerator.create({
    subject: params.subject,
    issuer: ca.subjectName,
    publicKey: params.publicKey,
    signingKey: params.issuer.key.privateKey,
    signingAlgorithm: params.issuer.key.profile.signParams,
    serialNumber: randomSerialNumber(),
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage[params.usage ?? 'clientAuth']]),
      subjectAltName(params.host),
      await x509.SubjectKeyIdentifierExtension.create(params.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.publicKey),
    ],
  });
  return ok(certificate);
}
