import { z } from '@hono/zod-openapi';
import { findOwnNetworkProduct } from '../../db/repositories/networkProducts.js';
import {
  findOwnNetworkSerial,
  listEventsOfSerial,
  listProducerSerials,
  type StoredSerialEvent,
} from '../../db/repositories/producerSerials.js';
import { getSerialRules } from '../../db/repositories/serialRules.js';
import { findSourceProduct } from '../../db/repositories/sourceProducts.js';
import { foldEvents } from '../../domain/serials/apply.js';
import { serialPresence, type ProductPresence } from '../../domain/serials/networkPresence.js';
import type { SerialState } from '../../domain/serials/state.js';
import type { ApiDeps } from '../deps.js';
import { companyOf } from '../middleware/require.js';
import { notFound } from '../problem.js';
import { createRouter } from '../router.js';
import { bearerAuth as security, createRoute, jsonContent } from '../schemas/openapi.js';
import { SerialDetailSchema, SerialKeyParams, SerialListItemSchema, SerialListQuery } from '../schemas/serials.js';
import { decodeSerialCursor, encodeSerialCursor } from '../serials/serialCursor.js';

const list = createRoute({
  method: 'get',
  path: '/v1/serials',
  summary: "list the producer's serials with their current state",
  operationId: 'listSerials',
  tags: ['producers'],
  security,
  request: { query: SerialListQuery },
  responses: {
    200: jsonContent(
      z.object({ items: z.array(SerialListItemSchema), nextCursor: z.string().nullable() }),
      'own serials in (gtin, serial) order, each as its stored events make it',
    ),
  },
});
const get = createRoute({
  method: 'get',
  path: '/v1/serials/{gtin}/{serial}',
  summary: "read one of the producer's serials: state, events, network presence",
  operationId: 'getSerial',
  tags: ['producers'],
  security,
  request: { params: SerialKeyParams },
  responses: {
    200: jsonContent(SerialDetailSchema, 'the state, the events that made it, and whether verify sees it and why not'),
  },
});

const stateJson = (s: SerialState) => ({
  gtin: s.gtin,
  serial: s.serial,
  lot: s.lot,
  expiry: s.expiry,
  expiryDate: s.expiryDate,
  extendedExpiry: s.extendedExpiry,
  extendedExpiryDate: s.extendedExpiryDate,
  status: s.status,
  itemStatus: s.flags,
  reasonCode: s.reasonCode,
  eventTime: s.eventTime,
  eventId: s.eventId,
});

const eventJson = (e: StoredSerialEvent) => ({
  eventId: e.eventId,
  kind: e.kind,
  affectsState: e.affectsState,
  fullState: e.fullState,
  eventTime: e.eventTime,
  receivedAt: e.receivedAt.toISOString(),
  uploadId: e.uploadId,
  lot: e.lot,
  expiry: e.expiry,
  status: e.status,
  itemStatus: Object.fromEntries(Object.entries(e.flags).filter(([, v]) => v !== undefined)) as Record<string, boolean>,
  extendedExpiry: e.extendedExpiry,
  reasonCode: e.reasonCode,
});

/** A producer's own serials as stored and as the network holds them; another company's answer 404. */
export function serialViewRoutes(deps: ApiDeps) {
  const productPresence = async (companyId: string, gtin: string): Promise<ProductPresence> => {
    const network = await findOwnNetworkProduct(deps.db, companyId, gtin);
    // An older version still live in the network answers verify while a newer one waits for its sync.
    if (network && network.withdrawnAt === null) return 'synced';
    return (await findSourceProduct(deps.db, companyId, gtin))?.syncState ?? 'absent';
  };

  return createRouter()
    .openapi(list, async (c) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      const query = c.req.valid('query');
      const rules = await getSerialRules(deps.db, company.id);
      const items = await listProducerSerials(deps.db, company.id, rules, {
        gtin: query.gtin,
        lot: query.lot,
        status: query.status,
        after: decodeSerialCursor(query.cursor),
        limit: query.limit,
      });
      const last = items.at(-1);
      return c.json(
        {
          items: items.map((i) => ({ ...stateJson(i.state), selected: i.selected, inNetwork: i.inNetwork })),
          nextCursor: items.length === query.limit && last ? encodeSerialCursor(last.state) : null,
        },
        200,
      );
    })
    .openapi(get, async (c) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      const key = c.req.valid('param');
      const events = await listEventsOfSerial(deps.db, company.id, key);
      // Only the caller's own events are read: another company's serial is one that does not exist.
      if (events.length === 0) throw notFound(`no serial ${key.serial} of GTIN ${key.gtin} in your uploads`);
      const [network, rules, product] = await Promise.all([
        findOwnNetworkSerial(deps.db, company.id, key),
        getSerialRules(deps.db, company.id),
        productPresence(company.id, key.gtin),
      ]);
      const state = foldEvents(events);
      const presence = serialPresence({ state, rules, product, network });
      return c.json(
        {
          gtin: key.gtin,
          serial: key.serial,
          state: state ? stateJson(state) : null,
          events: events.map(eventJson),
          network: {
            inNetwork: presence.inNetwork,
            state: network ? stateJson(network) : null,
            product,
            reasons: presence.reasons,
          },
        },
        200,
      );
    });
}
