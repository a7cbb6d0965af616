import { certificateError, type CertificateError } from './errors.js';
import { parseCertificatePem } from './pem.js';
import { checkValidAt } from './validity.js';
import { x509 } from './x509.js';
import { err, ok, type Result } from '../result.js';

type X509Certificate = InstanceType<typeof x509.X509Certificate>;

// Our CAs sign leaves directly; partners' PKIs rarely go deeper than two intermediates.
const MAX_INTERMEDIATES = 4;

async function issued(issuer: X509Certificate, cert: X509Certificate): Promise<boolean> {
  if (issuer.subject !== cert.issuer) return false;
  try {
    return await cert.verify({ publicKey: issuer, signatureOnly: true });
  } catch {
    return false;
  }
}

/** Whether the first certificate of `certificatePem` was signed by the one in `issuerPem` (dates not checked). */
export async function isIssuedBy(certificatePem: string, issuerPem: string): Promise<boolean> {
  const [cert, issuer] = [parseCertificatePem(certificatePem), parseCertificatePem(issuerPem)];
  return cert.ok && issuer.ok && (await issued(issuer.value, cert.value));
}

const isCa = (cert: X509Certificate) => cert.getExtension(x509.BasicConstraintsExtension)?.ca === true;

/**
 * Walks from `leaf` through the uploaded `intermediates` to one of the `anchors` (the CA
 * configured for this purpose), checking every signature and every issuer's validity at `now`.
 * Returns the path, leaf first, anchor last. The leaf's own dates are checked by the caller,
 * which reports them with their own codes.
 */
export async function verifyChain(
  leaf: X509Certificate,
  intermediates: X509Certificate[],
  anchors: X509Certificate[],
  now: Date,
): Promise<Result<X509Certificate[], CertificateError>> {
  const path = [leaf];
  let current = leaf;
  for (let depth = 0; depth <= MAX_INTERMEDIATES; depth++) {
    for (const anchor of anchors) {
      if (!(await issued(anchor, current))) continue;
      const valid = checkValidAt(anchor, now, `CA "${anchor.subject}"`);
      if (!valid.ok) return err(certificateError('chain_invalid', valid.error.message));
      return ok([...path, anchor]);
    }
    let next: X509Certificate | undefined;
    for (const candidate of intermediates) {
      if (path.includes(candidate) || !isCa(candidate) || !(await issued(candidate, current))) continue;
      next = candidate;
      break;
    }
    if (!next) break;
    const valid = checkValidAt(next, now, `intermediate CA "${next.subject}"`);
    if (!valid.ok) return err(certificateError('chain_invalid', valid.error.message));
    path.push(next);
    current = next;
  }
  return err(
    certificateError(
      'chain_invalid',
      `"${current.issuer}" is not the configured CA and no uploaded intermediate links to it`,
    ),
  );
}
