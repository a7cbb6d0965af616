import { z } from '@hono/zod-openapi';
import { isValidGtin14 } from '../../domain/gs1/gtin.js';
import { findNetworkProducts } from '../../db/repositories/networkProducts.js';
import { attachment } from '../attachment.js';
import type { ApiDeps } from '../deps.js';
import { networkProductJson, networkProductsCsv } from '../masterData/productCsv.js';
import { companyOf } from '../middleware/require.js';
import { negotiatedFormat } from '../negotiatedFormat.js';
import { badRequest, notFound } from '../problem.js';
import { createRouter } from '../router.js';
import { GtinSchema } from '../schemas/gs1.js';
import { bearerAuth as security, createRoute, jsonContent } from '../schemas/openapi.js';
import { NetworkProductSchema } from '../schemas/products.js';

const MAX_BATCH = 1000;
const Format = z.object({
  format: z
    .enum(['json', 'csv'])
    .optional()
    .openapi({ description: 'default: json, or csv when Accept names text/csv before application/json' }),
});
const csvContent = { 'text/csv': { schema: { type: 'string' as const } } };

const one = createRoute({
  method: 'get',
  path: '/v1/master-data/{gtin}',
  summary: "read a synced product's master data",
  operationId: 'getMasterData',
  tags: ['consumers'],
  security,
  request: { params: z.object({ gtin: GtinSchema.openapi({ param: { name: 'gtin', in: 'path' } }) }), query: Format },
  responses: {
    200: {
      content: { ...jsonContent(NetworkProductSchema, '').content, ...csvContent },
      description: 'a synced product (any producer)',
    },
  },
});
const batch = createRoute({
  method: 'get',
  path: '/v1/master-data',
  summary: 'read the master data of several synced products',
  operationId: 'listMasterData',
  tags: ['consumers'],
  security,
  request: {
    query: Format.extend({
      gtins: z
        .string()
        .min(1)
        .openapi({ description: `comma-separated GTIN-14s, at most ${MAX_BATCH}` }),
    }),
  },
  responses: {
    200: {
      content: {
        ...jsonContent(z.object({ items: z.array(NetworkProductSchema), notFound: z.array(z.string()) }), '').content,
        ...csvContent,
      },
      description: 'the synced products among the GTINs asked for; CSV lists only those found',
    },
  },
});

function parseGtins(list: string): string[] {
  const gtins = [
    ...new Set(
      list
        .split(',')
        .map((g) => g.trim())
        .filter((g) => g !== ''),
    ),
  ];
  if (gtins.length === 0) throw badRequest([{ path: 'gtins', message: 'give at least one GTIN' }]);
  if (gtins.length > MAX_BATCH)
    throw badRequest([{ path: 'gtins', message: `at most ${MAX_BATCH} GTINs per request` }]);
  const bad = gtins.filter((g) => !isValidGtin14(g));
  if (bad.length > 0)
    throw badRequest(
      bad.slice(0, 20).map((g) => ({ path: 'gtins', message: `${g} is not a 14-digit GTIN with a valid check digit` })),
    );
  return gtins;
}

/** Consumers download master data of synced products, whoever produced them; withdrawn ones are gone. */
export function masterDataDownloadRoutes(deps: ApiDeps) {
  const wantsCsv = (format: 'json' | 'csv' | undefined, accept: string | undefined) =>
    negotiatedFormat(format, accept, ['json', 'csv'], 'json') === 'csv';
  const csv = (body: string, filename: string) =>
    attachment(body, { contentType: 'text/csv; charset=utf-8', filename });

  return createRouter()
    .openapi(one, async (c) => {
      companyOf(c.get('principal'), 'consumer');
      const { gtin } = c.req.valid('param');
      const [product] = await findNetworkProducts(deps.db, [gtin]);
      if (!product) throw notFound(`${gtin} is not a synced product`);
      if (wantsCsv(c.req.valid('query').format, c.req.header('accept')))
        return csv(networkProductsCsv([product]), `master-data-${gtin}.csv`);
      return c.json(networkProductJson(product), 200);
    })
    .openapi(batch, async (c) => {
      companyOf(c.get('principal'), 'consumer');
      const query = c.req.valid('query');
      const gtins = parseGtins(query.gtins);
      const products = await findNetworkProducts(deps.db, gtins);
      if (wantsCsv(query.format, c.req.header('accept'))) return csv(networkProductsCsv(products), 'master-data.csv');
      const found = new Set(products.map((p) => p.product.gtin));
      return c.json({ items: products.map(networkProductJson), notFound: gtins.filter((g) => !found.has(g)) }, 200);
    });
}
