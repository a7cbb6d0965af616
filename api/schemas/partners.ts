import { X509Certificate } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { GlnSchema } from './gs1.js';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** One or more CA certificates in PEM; every block must parse and be a CA. */
const CaPemSchema = z.string().superRefine((pem, ctx) => {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0)
    return ctx.addIssue({ code: 'custom', message: 'must contain at least one PEM certificate' });
  for (const block of blocks) {
    try {
      if (!new X509Certificate(block).ca)
        ctx.addIssue({ code: 'custom', message: 'a certificate in caPem is not a CA (basicConstraints cA=false)' });
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

const HttpsUrl = z
  .string()
  .url()
  .refine((u) => u.startsWith('https://'), 'must be an https:// URL');

// Headers undici or the protocol own, and ones that would change what the partner sees of us.
const RESERVED_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'proxy-authorization',
  'proxy-connection',
  'expect',
  'accept',
  'gs1us-version',
]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Static headers sent with every request to the partner (an API key beside the certificate, say). */
const ExtraHeadersSchema = z
  .record(
    z.string(),
    z.string().regex(/^[\t\x20-\x7e]{0,4096}$/, 'header values are printable ASCII, at most 4096 characters'),
  )
  .superRefine((headers, ctx) => {
    const names = Object.keys(headers);
    if (names.length > 20) ctx.addIssue({ code: 'custom', message: 'at most 20 headers' });
    for (const name of names) {
      if (!TOKEN.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'not a valid header name' });
      else if (RESERVED_HEADERS.has(name.toLowerCase()))
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `${name} is set by the router and cannot be overridden`,
        });
    }
  })
  .openapi({ example: { 'X-Api-Key': 'partner-issued-key' } });

/** null: HTTPS_PROXY / NO_PROXY from the environment; 'direct': never a proxy; else an http(s) proxy URL. */
const ProxyUrlSchema = z
  .union([
    z.literal('direct'),
    z
      .string()
      .url()
      .refine((u) => /^https?:\/\//.test(u), 'must be an http:// or https:// proxy URL, or direct'),
  ])
  .nullable();

const partnerFields = {
  name: z.string().trim().min(1).max(200),
  gln: GlnSchema,
  baseUrl: HttpsUrl,
  directoryUrl: HttpsUrl.optional(),
  caPem: CaPemSchema,
  proxyUrl: ProxyUrlSchema.optional(),
  extraHeaders: ExtraHeadersSchema.optional(),
  pullDirectory: z.boolean().optional().openapi({
    description: 'pull its Lookup Directory on a schedule (default true); false for a partner that sends spreadsheets',
  }),
  pullIntervalMinutes: PullIntervalSchema.nullable().optional(),
  atpHeader: z
    .string()
    .regex(TOKEN, 'not a valid header name')
    .nullable()
    .optional()
    .openapi({ description: 'the header this partner carries ATP presentations in; null or absent: ATP_HEADER' }),
};

export const CreatePartnerSchema = z.object(partnerFields).openapi('CreatePartner');

/** Fields left out keep their value; `directoryUrl: null` removes it, `proxyUrl: null` goes back to the environment. */
export const UpdatePartnerSchema = z
  .object({ ...partnerFields, directoryUrl: HttpsUrl.nullable() })
  .omit({ gln: true })
  .partial()
  .strict()
  .openapi('UpdatePartner');

export const PartnerSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    gln: z.string(),
    baseUrl: z.string(),
    directoryUrl: z.string().nullable(),
    proxyUrl: z.string().nullable(),
    /** Values are credentials: only the names are shown. */
    extraHeaderNames: z.array(z.string()),
    pullDirectory: z.boolean(),
    pullIntervalMinutes: z.number().int().nullable(),
    atpHeader: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Partner');

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

export const PartnerStatusSchema = PartnerSchema.extend({
  directory: z.object({
    records: z.number().int().openapi({ description: 'records of this partner valid now' }),
    conflicts: z
      .number()
      .int()
      .openapi({ description: 'GTINs this partner claims while another source claims them too' }),
    lastPull: PullSummarySchema.nullable(),
    lastUpload: PullSummarySchema.nullable(),
  }),
  circuit: z
    .enum(['closed', 'open', 'half-open'])
    .openapi({ description: "this API process's circuit breaker for calls to the partner" }),
  clientCertificate: z
    .object({ id: z.string().uuid(), notAfter: z.string().nullable() })
    .nullable()
    .openapi({ description: 'the active client certificate we present to this partner' }),
}).openapi('PartnerStatus');

export const PartnerTestSchema = z
  .object({
    gtin: z
      .string()
      .regex(/^\d{14}$/, 'a GTIN-14')
      .optional()
      .openapi({ description: "the sample GTIN (default: one of the partner's directory records)" }),
    serial: z.string().min(1).max(20).optional(),
    lot: z.string().min(1).max(20).optional(),
    exp: z
      .string()
      .regex(/^\d{6}$/, 'YYMMDD')
      .optional(),
  })
  .openapi('PartnerTest');

export const PartnerTestReportSchema = z
  .object({
    partnerId: z.string().uuid(),
    ok: z.boolean().openapi({ description: 'every step that ran passed' }),
    steps: z.array(
      z.object({
        step: z.enum(['dns', 'tcp', 'tls', 'checkConnectivity', 'verify']),
        ok: z.boolean().nullable().openapi({ description: 'null: not run' }),
        ms: z.number(),
        detail: z.string().openapi({ description: 'what was found, or why it failed, in plain words' }),
        warnings: z.array(z.string()),
      }),
    ),
  })
  .openapi('PartnerTestReport');
