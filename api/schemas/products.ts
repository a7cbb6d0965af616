import { z } from '@hono/zod-openapi';

/** api.md "Product fields", as stored after validation. */
export const ProductSchema = z
  .object({
    gtin: z.string(),
    ndc: z.string().nullable(),
    ndc11: z.string().nullable(),
    brandName: z.string().nullable(),
    functionalName: z.string().nullable(),
    regulatedProductName: z.string().nullable(),
    dosageForm: z.string().nullable(),
    strength: z.string().nullable(),
    netContent: z.object({ value: z.number(), unit: z.string() }).nullable(),
    tradeItemUnitDescriptor: z.string().nullable(),
    targetMarkets: z.array(z.string()),
    ownerGln: z.string().nullable(),
  })
  .openapi('Product');

export const SourceProductSchema = ProductSchema.extend({
  syncState: z.enum(['pending', 'synced', 'skipped', 'withdrawn']),
  syncReason: z.string().nullable(),
  uploadId: z.string(),
  updatedAt: z.string(),
}).openapi('OwnProduct');

export const DirectoryEntrySchema = z
  .object({
    gtin: z.string(),
    responderGln: z.string(),
    vrsName: z.string(),
    verificationUrl: z.string(),
    connectivityUrl: z.string(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
  })
  .openapi('DirectoryEntry');

export const NetworkProductSchema = ProductSchema.extend({ producerGln: z.string(), syncedAt: z.string() }).openapi(
  'NetworkProduct',
);
