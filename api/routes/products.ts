import { z } from '@hono/zod-openapi';
import { listProducerDirectory, type DirectoryEntry } from '../../db/repositories/localDirectory.js';
import { findOwnNetworkProduct } from '../../db/repositories/networkProducts.js';
import { findSourceProduct, listSourceProducts, type SourceProduct } from '../../db/repositories/sourceProducts.js';
import type { ApiDeps } from '../deps.js';
import { decodeGtinCursor, nextGtinCursor } from '../masterData/gtinCursor.js';
import { companyOf } from '../middleware/require.js';
import { notFound } from '../problem.js';
import { createRouter } from '../router.js';
import { GtinSchema } from '../schemas/gs1.js';
import { bearerAuth as security, createRoute, jsonContent } from '../schemas/openapi.js';
import { PageQuery } from '../schemas/page.js';
import { DirectoryEntrySchema, SourceProductSchema } from '../schemas/products.js';

const SyncStateSchema = z.enum(['pending', 'synced', 'skipped', 'withdrawn']);
const GtinParams = z.object({ gtin: GtinSchema.openapi({ param: { name: 'gtin', in: 'path' } }) });

const list = createRoute({
  method: 'get',
  path: '/v1/products',
  summary: "list the producer's products",
  operationId: 'listProducts',
  tags: ['producers'],
  security,
  request: { query: PageQuery.extend({ syncState: SyncStateSchema.optional() }) },
  responses: {
    200: jsonContent(
      z.object({ items: z.array(SourceProductSchema), nextCursor: z.string().nullable() }),
      'own products in GTIN order, with sync state',
    ),
  },
});
const get = createRoute({
  method: 'get',
  path: '/v1/products/{gtin}',
  summary: "read one of the producer's products",
  operationId: 'getProduct',
  tags: ['producers'],
  security,
  request: { params: GtinParams },
  responses: {
    200: jsonContent(
      SourceProductSchema.extend({
        network: z.object({ syncedAt: z.string(), withdrawnAt: z.string().nullable() }).nullable(),
        directory: DirectoryEntrySchema.nullable(),
      }),
      'the product, its sync state, and its network and Lookup Directory records',
    ),
  },
});
const directory = createRoute({
  method: 'get',
  path: '/v1/directory',
  summary: "the producer's Lookup Directory records",
  operationId: 'listOwnDirectory',
  tags: ['producers'],
  security,
  request: { query: PageQuery.extend({ gtin: GtinSchema.optional() }) },
  responses: {
    200: jsonContent(
      z.object({ items: z.array(DirectoryEntrySchema), nextCursor: z.string().nullable() }),
      "this producer's Lookup Directory records",
    ),
  },
});

const productJson = (p: SourceProduct) => ({
  ...p.product,
  syncState: p.syncState,
  syncReason: p.syncReason,
  uploadId: p.uploadId,
  updatedAt: p.updatedAt.toISOString(),
});

const entryJson = (e: DirectoryEntry) => ({
  gtin: e.gtin,
  responderGln: e.responderGln,
  vrsName: e.vrsName,
  verificationUrl: e.verificationUrl,
  connectivityUrl: e.connectivityUrl,
  validFrom: e.validFrom.toISOString(),
  validTo: e.validTo?.toISOString() ?? null,
});

/** A producer's own products and directory records; never another company's. */
export function productRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(list, async (c) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      const query = c.req.valid('query');
      const items = await listSourceProducts(deps.db, company.id, {
        after: decodeGtinCursor(query.cursor),
        limit: query.limit,
        syncState: query.syncState,
      });
      return c.json({ items: items.map(productJson), nextCursor: nextGtinCursor(items, query.limit) }, 200);
    })
    .openapi(get, async (c) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      const { gtin } = c.req.valid('param');
      const product = await findSourceProduct(deps.db, company.id, gtin);
      if (!product) throw notFound(`no product ${gtin} in your source store`);
      const [network, entries] = await Promise.all([
        findOwnNetworkProduct(deps.db, company.id, gtin),
        listProducerDirectory(deps.db, company.id, { gtin, limit: 1 }),
      ]);
      const entry = entries[0];
      return c.json(
        {
          ...productJson(product),
          network: network
            ? { syncedAt: network.syncedAt.toISOString(), withdrawnAt: network.withdrawnAt?.toISOString() ?? null }
            : null,
          directory: entry ? entryJson(entry) : null,
        },
        200,
      );
    })
    .openapi(directory, async (c) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      const query = c.req.valid('query');
      const items = await listProducerDirectory(deps.db, company.id, {
        gtin: query.gtin,
        after: decodeGtinCursor(query.cursor),
        limit: query.limit,
      });
      return c.json({ items: items.map(entryJson), nextCursor: nextGtinCursor(items, query.limit) }, 200);
    });
}
