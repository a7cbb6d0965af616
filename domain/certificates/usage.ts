import { certificateError, type CertificateError } from './errors.js';
import { x509 } from './x509.js';
import { err, ok, type Result } from '../result.js';

/**
 * A client certificate must say so: extendedKeyUsage with clientAuth (an absent EKU would
 * technically allow any use, but partners' TLS stacks differ on that, so we require it), and
 * keyUsage, when present, must allow digitalSignature (the TLS handshake signature).
 */
export function checkClientUsage(cert: InstanceType<typeof x509.X509Certificate>): Result<void, CertificateError> {
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  if (!eku || !eku.usages.includes(x509.ExtendedKeyUsage.clientAuth)) {
    return err(
      certificateError(
        'wrong_key_usage',
        'the certificate is not for TLS client authentication (extendedKeyUsage clientAuth missing)',
      ),
    );
  }
  const usage = cert.getExtension(x509.KeyUsagesExtension);
  if (usage && !(usage.usages & x509.KeyUsageFlags.digitalSignature)) {
    return err(certificateError('wrong_key_usage', 'keyUsage does not allow digitalSignature'));
  }
  return ok(undefined);
}
