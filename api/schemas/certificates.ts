import { z } from '@hono/zod-openapi';
import type { StoredCertificate } from '../../domain/certificates/index.js';

const Pem = z.string().min(1).max(64_000);

export const CreateCertificateSchema = z
  .discriminatedUnion('mode', [
    z.object({ mode: z.literal('issue'), algorithm: z.enum(['ec-p256', 'rsa-2048']).optional() }),
    z.object({ mode: z.literal('upload'), certificatePem: Pem, privateKeyPem: Pem, caPem: Pem }),
    z.object({ mode: z.literal('csr'), algorithm: z.enum(['ec-p256', 'rsa-2048']).optional() }),
  ])
  .openapi('CreatePartnerCertificate');

export const CompleteCsrSchema = z.object({ certificatePem: Pem, caPem: Pem }).openapi('CompleteCsr');
export const PeerCertificateSchema = z.object({ certificatePem: Pem }).openapi('RegisterPeerCertificate');

/** Only public facts: never a key, sealed or not. */
export const CertificateSchema = z
  .object({
    id: z.string().uuid(),
    purpose: z.string(),
    status: z.string(),
    fingerprintSha256: z.string().nullable(),
    subject: z.string().nullable(),
    notBefore: z.string().nullable(),
    notAfter: z.string().nullable(),
    activatedAt: z.string().nullable(),
    retiredAt: z.string().nullable(),
    predecessorId: z.string().nullable(),
  })
  .openapi('Certificate');

export const certificateJson = (c: StoredCertificate): z.infer<typeof CertificateSchema> => ({
  id: c.id,
  purpose: c.purpose,
  status: c.status,
  fingerprintSha256: c.fingerprint,
  subject: c.subject,
  notBefore: c.notBefore?.toISOString() ?? null,
  notAfter: c.notAfter?.toISOString() ?? null,
  activatedAt: c.activatedAt?.toISOString() ?? null,
  retiredAt: c.retiredAt?.toISOString() ?? null,
  predecessorId: c.predecessorId,
});
