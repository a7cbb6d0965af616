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

const PullIntervalSchema = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 60)
  .openapi({ description: 'minutes between scheduled directory pulls; null or absent: DIRECTORY_PULL_INTERVAL_MIN' });

const HttpsUrl = z.string().url().refine((u) => u.startsWith('https://'), 'must be an https:// URL');

export const CreatePartnerSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    gln: GlnSchema,
    baseUrl: HttpsUrl,
    directoryUrl: HttpsUrl.optional(),
    caPem: CaPemSchema,
    pullDirectory: z.boolean().optional().openapi({ description: 'pull its Lookup Directory on a schedule (default true); false for a partner that sends spreadsheets' }),
    pullIntervalMinutes: PullIntervalSchema.optional(),
  })
  .openapi('CreatePartner');

export const UpdatePartnerSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    baseUrl: HttpsUrl.optional(),
    directoryUrl: HttpsUrl.nullable().optional(),
    pullDirectory: z.boolean().optional(),
    pullIntervalMinutes: PullIntervalSchema.nullable().optional(),
  })
  .openapi('UpdatePartner');

const PullSummarySchema = z
  .object({
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    outcome: z.enum(['running', 'completed', 'failed']),
    records: z.number().int().openapi({ description: 'records received' }),
    ended: z.number().int(),
    rejected: z.number().int(),
    conflicts: z.number().int(),
    error: z.string().nullable(),
  })
  .openapi('DirectoryPullSummary');

export const PartnerSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    gln: z.string(),
    baseUrl: z.string(),
    directoryUrl: z.string().nullable(),
    pullDirectory: z.boolean(),
    pullIntervalMinutes: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .openapi('Partner');

export const PartnerStatusSchema = PartnerSchema.extend({
  directory: z.object({
    records: z.number().int().openapi({ description: 'records of this partner valid now' }),
    conflicts: z.number().int().openapi({ description: 'GTINs this partner claims while another source claims them too' }),
    lastPull: PullSummarySchema.nullable(),
    lastUpload: PullSummarySchema.nullable(),
  }),
  circuit: z.string().nullable().openapi({ description: 'state of the outbound circuit breaker to this partner; null while not known to this process' }),
  clientCertificate: z
    .object({ id: z.string().uuid(), notAfter: z.string().nullable() })
    .nullable()
    .openapi({ description: 'the active client certificate we present to this partner' }),
}).openapi('PartnerStatus');
