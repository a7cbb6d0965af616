import { z } from '@hono/zod-openapi';
import { SERIAL_STATUSES, type SerialStatus } from '../../domain/serials/state.js';
import { GtinSchema } from './gs1.js';
import { PageQuery } from './page.js';

const StatusSchema = z.enum(SERIAL_STATUSES as [SerialStatus, ...SerialStatus[]]);

export const SerialKeyParams = z.object({
  gtin: GtinSchema.openapi({ param: { name: 'gtin', in: 'path' } }),
  serial: z
    .string()
    .min(1)
    .max(20)
    .openapi({ param: { name: 'serial', in: 'path' }, example: 'SN10001', description: 'percent-encoded' }),
});

export const SerialListQuery = PageQuery.extend({
  gtin: GtinSchema.optional(),
  lot: z.string().min(1).max(20).optional(),
  status: StatusSchema.optional(),
});

export const SerialStateSchema = z
  .object({
    gtin: z.string(),
    serial: z.string(),
    lot: z.string(),
    expiry: z.string().openapi({ description: 'YYMMDD as printed' }),
    expiryDate: z.string().openapi({ description: 'resolved ISO date (day 00 = month end)' }),
    extendedExpiry: z.string().nullable(),
    extendedExpiryDate: z.string().nullable(),
    status: StatusSchema,
    itemStatus: z.object({
      recalled: z.boolean(),
      suspect: z.boolean(),
      illegitimate: z.boolean(),
      expirationExtended: z.boolean(),
    }),
    reasonCode: z.string().nullable(),
    eventTime: z.string().openapi({ description: 'time of the newest event, which decided the state' }),
    eventId: z.string(),
  })
  .openapi('SerialState');

export const SerialListItemSchema = SerialStateSchema.extend({
  selected: z.boolean().openapi({ description: 'the serial rules select it (and serial sync is enabled)' }),
  inNetwork: z.boolean().openapi({ description: 'the network read table holds it: verify finds it' }),
}).openapi('SerialListItem');

const SerialEventSchema = z.object({
  eventId: z.string(),
  kind: z.enum(['object', 'aggregation', 'transaction']),
  affectsState: z.boolean(),
  fullState: z
    .boolean()
    .openapi({ description: 'a CSV/JSON row stating the whole state; EPCIS events state only what they say' }),
  eventTime: z.string(),
  receivedAt: z.string(),
  uploadId: z.string(),
  lot: z.string().nullable(),
  expiry: z.string().nullable(),
  status: StatusSchema.nullable(),
  itemStatus: z.record(z.string(), z.boolean()).openapi({ description: 'only the flags the event states' }),
  extendedExpiry: z.string().nullable(),
  reasonCode: z.string().nullable(),
});

export const SerialDetailSchema = z
  .object({
    gtin: z.string(),
    serial: z.string(),
    state: SerialStateSchema.nullable().openapi({
      description: 'folded from the stored events; null while they do not state lot, expiry and status',
    }),
    events: z.array(SerialEventSchema).openapi({ description: 'every stored event of the serial, oldest first' }),
    network: z.object({
      inNetwork: z.boolean(),
      state: SerialStateSchema.nullable().openapi({ description: 'what verify reads today' }),
      product: z.enum(['synced', 'pending', 'skipped', 'withdrawn', 'absent']),
      reasons: z
        .array(z.object({ code: z.string(), message: z.string() }))
        .openapi({ description: 'why the serial is not in the network, or would not verify; empty when it would' }),
    }),
  })
  .openapi('SerialDetail');
