import { DEFAULT_KEY_ALGORITHM, generateKeyPair, profileOf, type KeyAlgorithm } from './algorithms.js';
import { certificateError, type CertificateError } from './errors.js';
import type { CertificateWithKey } from './issuer.js';
import { exportPrivateKeyPem } from './keys.js';
import { randomSerialNumber } from './serial.js';
import { checkWindow } from './validity.js';
import { x509 } from './x509.js';
import { err, ok, type Result } from '../result.js';

export interface CaParams {
  commonName: string;
  organization?: string;
  notBefore: Date;
  notAfter: Date;
  algorithm?: KeyAlgorithm;
}

/**
 * A self-signed installation CA. pathLength 0: it signs our client certificates directly and
 * never an intermediate, so a leaked leaf key cannot mint further certificates.
 */
export async function createCa(params: CaParams): Promise<Result<CertificateWithKey, CertificateError>> {
  const window = checkWindow(params.notBefore, params.notAfter);
  if (!window.ok) return window;
  const commonName = params.commonName.trim();
  if (!commonName || commonName.length > 64)
    return err(certificateError('invalid_input', 'CA common name must be 1-64 characters'));
  const name: Record<string, string[]>[] = [{ CN: [commonName] }];
  if (params.organization?.trim()) name.push({ O: [params.organization.trim()] });

  const keys = await generateKeyPair(params.algorithm ?? DEFAULT_KEY_ALGORITHM);
  const profile = profileOf(keys.publicKey.algorithm);
  if (!profile.ok) return profile;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name,
    keys,
    serialNumber: randomSerialNumber(),
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    signingAlgorithm: profile.value.signParams,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return ok({ certificatePem: certificate.toString('pem'), privateKeyPem: await exportPrivateKeyPem(keys.privateKey) });
}
