import {
  acceptSignedCertificate,
  createCsr,
  encryptAtRest,
  isIssuedBy,
  issueClientCertificate,
  validateClientCertificate,
  type CertificateError,
  type CertificateMetadata,
  type ClientIdentity,
  type KeyAlgorithm,
  type StoredCertificate,
} from '../../domain/certificates/index.js';
import { checkOurIdentity } from '../../ourIdentity.js';
import { loadInstallationCa } from '../../db/installation.js';
import {
  findActiveCertificate,
  findCertificate,
  insertCertificate,
  listCertificates,
  setCertificateStatus,
} from '../../db/repositories/certificates.js';
import type { Partner } from '../../db/repositories/partners.js';
import { decryptAtRestText } from '../../domain/certificates/index.js';
import type { ApiDeps } from '../deps.js';
import { signalRotateNow, stopCertificateRotation } from '../../launchers/certificateRotation.js';
import { badRequest, conflict, notFound, Problem } from '../problem.js';

const DAY_MS = 86_400_000;
// Errors point at the request field they name; identity and issuing problems come from our configuration.
const certificateProblem = (e: CertificateError, path = e.field ?? 'certificatePem') =>
  new Problem(422, 'Unprocessable Certificate', e.message, { errors: [{ path, message: e.message, code: e.code }] });

function identityOf(deps: ApiDeps): ClientIdentity {
  const identity = checkOurIdentity(deps.config);
  if (!identity.ok) throw certificateProblem(identity.error, 'identity');
  return identity.value;
}

/** Stores a validated client certificate for a partner connection as the active one. */
async function activate(
  deps: ApiDeps,
  partner: Partner,
  cert: { certificatePem: string; chainPem?: string; privateKeyPem: string; metadata: CertificateMetadata },
  pendingId?: string,
): Promise<StoredCertificate> {
  const sealed = await encryptAtRest(deps.installation.master, cert.privateKeyPem);
  return deps.db.transaction().execute(async (trx) => {
    // The certificate in use until now stays accepted by the partner; the router moves to the new one.
    for (const old of await listCertificates(trx, { partnerId: partner.id, purposes: ['client'] })) {
      if (old.status === 'active') await setCertificateStatus(trx, old.id, 'retiring');
    }
    if (pendingId) await trx.deleteFrom('certificates').where('id', '=', pendingId).execute();
    return insertCertificate(trx, {
      partnerId: partner.id,
      purpose: 'client',
      status: 'active',
      certificatePem: cert.certificatePem,
      chainPem: cert.chainPem || null,
      encryptedKey: sealed,
      masterKeyId: deps.installation.master.keyId,
      fingerprint: cert.metadata.fingerprintSha256,
      subject: cert.metadata.subject,
      notBefore: new Date(cert.metadata.notBefore),
      notAfter: new Date(cert.metadata.notAfter),
    });
  });
}

export async function issueForPartner(
  deps: ApiDeps,
  partner: Partner,
  algorithm?: KeyAlgorithm,
): Promise<StoredCertificate> {
  const now = deps.clock();
  const ca = await loadInstallationCa(deps.db, deps.installation);
  const issued = await issueClientCertificate({
    ca,
    identity: identityOf(deps),
    notBefore: now,
    notAfter: new Date(now.getTime() + deps.config.CERT_VALIDITY_DAYS * DAY_MS),
    algorithm,
  });
  if (!issued.ok) throw certificateProblem(issued.error, 'identity');
  const validated = await validateClientCertificate({ ...issued.value, caPem: ca.certificatePem, now });
  if (!validated.ok) throw certificateProblem(validated.error);
  return activate(deps, partner, validated.value);
}

export async function uploadForPartner(
  deps: ApiDeps,
  partner: Partner,
  upload: { certificatePem: string; privateKeyPem: string; caPem: string },
): Promise<StoredCertificate> {
  const validated = await validateClientCertificate({ ...upload, now: deps.clock() });
  if (!validated.ok) throw certificateProblem(validated.error);
  // Before the switch: a chain left running would renew the replaced certificate of ours later.
  await stopCertificateRotation(deps, partner.id);
  return activate(deps, partner, validated.value);
}

export async function startCsr(
  deps: ApiDeps,
  partner: Partner,
  algorithm?: KeyAlgorithm,
): Promise<{ certificate: StoredCertificate; csrPem: string }> {
  const pending = await createCsr({ identity: identityOf(deps), algorithm });
  if (!pending.ok) throw certificateProblem(pending.error, 'identity');
  const certificate = await insertCertificate(deps.db, {
    partnerId: partner.id,
    purpose: 'client',
    status: 'pending',
    csrPem: pending.value.csrPem,
    encryptedKey: await encryptAtRest(deps.installation.master, pending.value.privateKeyPem),
    masterKeyId: deps.installation.master.keyId,
  });
  return { certificate, csrPem: pending.value.csrPem };
}

export async function completeCsr(
  deps: ApiDeps,
  partner: Partner,
  certificateId: string,
  answer: { certificatePem: string; caPem: string },
): Promise<StoredCertificate> {
  const pending = await findCertificate(deps.db, certificateId);
  if (
    !pending ||
    pending.partnerId !== partner.id ||
    pending.status !== 'pending' ||
    !pending.csrPem ||
    !pending.encryptedKey
  )
    throw notFound('no pending CSR with that id for this partner');
  const key = await decryptAtRestText(deps.installation.master, pending.encryptedKey);
  if (!key.ok) throw badRequest([{ path: 'certificateId', message: key.error.message }]);
  const accepted = await acceptSignedCertificate({
    pending: { csrPem: pending.csrPem, privateKeyPem: key.value },
    ...answer,
    now: deps.clock(),
  });
  if (!accepted.ok) throw certificateProblem(accepted.error);
  await stopCertificateRotation(deps, partner.id);
  return activate(deps, partner, accepted.value, pending.id);
}

/**
 * Rotates the partner connection's active client certificate now. Only certificates of our own CA
 * can be renewed here; an uploaded or CSR-signed one chains to the partner's CA, whose key we lack.
 */
export async function rotateForPartner(deps: ApiDeps, partner: Partner): Promise<string> {
  const current = await findActiveCertificate(deps.db, 'client', partner.id);
  if (!current?.certificatePem)
    throw conflict(
      'this partner has no active client certificate to rotate: create one first (POST .../certificates with mode issue, upload or csr)',
    );
  const ca = await findCertificate(deps.db, deps.installation.caCertificateId);
  if (!ca?.certificatePem || !(await isIssuedBy(current.certificatePem, ca.certificatePem))) {
    throw conflict(
      `the active client certificate ${current.id} was not issued by this VRS's CA (it was uploaded, or signed by the partner for our CSR), so we cannot renew it: upload its successor, start a new CSR, or switch to a certificate of ours with mode issue`,
      { certificateId: current.id },
    );
  }
  return signalRotateNow(deps, partner.id, current.id);
}
