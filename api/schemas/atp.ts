import { z } from '@hono/zod-openapi';
import type { StoredAtpWallet } from '../../db/repositories/atpWallets.js';
import { ATP_POLICIES, DEFAULT_GENERATE_PATH, DEFAULT_VERIFY_PATH } from '../../domain/atp/policy.js';

const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/;
/** Wallet secrets must not cross a network in clear: https, or http to this machine (a bundled test wallet). */
const WalletUrl = z
  .string()
  .url()
  .refine((u) => u.startsWith('https://') || LOOPBACK.test(u), 'must be an https:// URL (http only to loopback)');
const PathSchema = z.string().regex(/^\/[\w\-./]*$/, 'must be a path starting with /');
const HeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name');
const Policy = z.enum(ATP_POLICIES);
const Secret = z.string().min(1).max(4096);

const OAuthSchema = z.object({
  kind: z.literal('oauth2-client-credentials'),
  tokenUrl: WalletUrl,
  clientId: z.string().min(1).max(512),
  clientSecret: Secret.optional().openapi({
    description: 'sealed at rest, never returned; absent: keep the stored one',
  }),
});
const ApiKeySchema = z.object({
  kind: z.literal('api-key'),
  header: HeaderName.default('X-API-Key'),
  apiKey: Secret.optional().openapi({ description: 'sealed at rest, never returned; absent: keep the stored one' }),
});

export const PutAtpWalletSchema = z
  .object({
    baseUrl: WalletUrl.openapi({ example: 'https://wallet.example.com' }),
    auth: z.discriminatedUnion('kind', [OAuthSchema, ApiKeySchema]),
    did: z
      .string()
      .regex(/^did:[a-z0-9]+:\S+$/, 'must be a DID (did:method:id)')
      .openapi({ example: 'did:web:wallet.example.com:acme' }),
    paths: z.object({ generate: PathSchema.optional(), verify: PathSchema.optional() }).optional(),
    holderDidField: z
      .string()
      .regex(/^[A-Za-z_]\w{0,63}$/)
      .optional()
      .openapi({ description: 'holderDID (default) or the name a wallet uses instead, such as did' }),
    policy: z
      .object({ outgoing: Policy.default('warn'), incoming: Policy.default('warn') })
      .default({ outgoing: 'warn', incoming: 'warn' }),
  })
  .openapi('AtpWalletSettings');

export const AtpWalletSchema = z
  .object({
    companyId: z.string(),
    baseUrl: z.string(),
    auth: z.union([
      z.object({ kind: z.literal('oauth2-client-credentials'), tokenUrl: z.string(), clientId: z.string() }),
      z.object({ kind: z.literal('api-key'), header: z.string() }),
    ]),
    did: z.string(),
    paths: z.object({ generate: z.string(), verify: z.string() }),
    holderDidField: z.string(),
    policy: z.object({ outgoing: Policy, incoming: Policy }),
    updatedAt: z.string(),
  })
  .openapi('AtpWallet');

export const atpWalletJson = (w: StoredAtpWallet): z.infer<typeof AtpWalletSchema> => ({
  companyId: w.companyId,
  baseUrl: w.baseUrl,
  auth:
    w.authKind === 'api-key'
      ? { kind: 'api-key', header: w.apiKeyHeader ?? 'X-API-Key' }
      : { kind: 'oauth2-client-credentials', tokenUrl: w.tokenUrl ?? '', clientId: w.clientId ?? '' },
  did: w.did,
  paths: { generate: w.generatePath, verify: w.verifyPath },
  holderDidField: w.holderDidField,
  policy: { outgoing: w.outgoing, incoming: w.incoming },
  updatedAt: w.updatedAt.toISOString(),
});

export const walletPaths = (body: z.infer<typeof PutAtpWalletSchema>) => ({
  generatePath: body.paths?.generate ?? DEFAULT_GENERATE_PATH,
  verifyPath: body.paths?.verify ?? DEFAULT_VERIFY_PATH,
  holderDidField: body.holderDidField ?? 'holderDID',
});
