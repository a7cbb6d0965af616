import { X509Certificate } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { GlnSchema } from './gs1.js';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** One or more CA certificates in PEM; every block must parse and be a CA. */
const CaPemSchema = z.string().superRefine((pem, ctx) => {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) return ctx.addIssue({ code: 'custom', message: 'must contain at least one PEM certificate' });
  for (const block of blocks) {
    try {
      if (!new X509Certificate(block).ca) ctx.addIssue({ code: 'custom', message: 'a certificate in caPem is not a CA (basicConstraints cA=false)' });
    } catch {
      ctx.addIssue({ code: 'custom', message: 'a certificate in caPem does not parse' });
    }
  }
});

const HttpsUrl = z.string().url().refine((u) => u.startsWith('https://'), 'must be an https:// URL');

export const CreatePartnerSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    gln: GlnSchema,
    baseUrl: HttpsUrl,
    directoryUrl: HttpsUrl.optional(),
    caPem: CaPemSchema,
  })
  .openapi('CreatePartner');

export const PartnerSchema = z
  .object({ id: z.string().uuid(), name: z.string(), gln: z.string(), baseUrl: z.string(), directoryUrl: z.string().nullable(), createdAt: z.string() })
  .openapi('Partner');
