import { z } from 'zod';
import { SERIAL_STATUSES } from '../../domain/serials/state.js';
import { DIRECTORY_CSV, PRODUCT_CSV_COLUMNS, SERIAL_CSV_COLUMNS } from '../../ingest/recordFormats.js';

/**
 * The records of the JSON uploads, for the OpenAPI document only: uploads stream into the parsers
 * (ingest/), which judge each record and report per row, so these never validate a request.
 */
const text = (description: string) => z.string().nullish().meta({ description });
const gtin = z.string().meta({
  description: 'GTIN-14 (GTIN-8, -12 or -13 are padded with zeros); a string, so leading zeros survive',
  examples: ['00361414567894'],
});
const flag = (description: string) =>
  z
    .boolean()
    .optional()
    .meta({ description: `${description}; default false` });

export const ProductRecordSchema = z
  .object({
    gtin,
    ndc: text('NDC-10 with dashes (4-4-2, 5-3-2 or 5-4-1); derived from the GTIN when left out'),
    ndc11: text('NDC-11 (5-4-2)'),
    brandName: text('brand name; a product needs brandName, functionalName or regulatedProductName'),
    functionalName: text('functional name'),
    regulatedProductName: text('regulated product name'),
    dosageForm: text('dosage form'),
    strength: text('strength'),
    netContent: z
      .object({ value: z.union([z.number(), z.string()]), unit: z.string() })
      .nullish()
      .meta({ description: 'net content; CSV: netContentValue and netContentUnit' }),
    tradeItemUnitDescriptor: text('GDSN unit descriptor, e.g. BASE_UNIT_OR_EACH'),
    targetMarkets: z.array(z.string()).meta({
      description: 'ISO 3166 numeric country codes; only products with 840 (US) sync. CSV: separated by ;',
      examples: [['840']],
    }),
    ownerGln: text('GLN of the brand owner, when not the producer'),
  })
  .meta({ description: 'one product' });

export const SerialRecordSchema = z
  .object({
    eventId: text('idempotency key; default: a hash of the record'),
    gtin,
    serial: z.string().meta({ description: 'AI (21): 1-20 GS1 set 82 characters' }),
    lot: z.string().meta({ description: 'AI (10): 1-20 GS1 set 82 characters' }),
    expiry: z
      .string()
      .meta({ description: 'YYMMDD as printed; day 00 is the last day of the month', examples: ['281231'] }),
    status: z.enum(SERIAL_STATUSES as [string, ...string[]]).meta({ description: "the pack's state at eventTime" }),
    recalled: flag('recalled'),
    suspect: flag('suspect'),
    illegitimate: flag('illegitimate'),
    expirationExtended: flag('the expiry was extended'),
    extendedExpiry: text('YYMMDD of the extended expiry (with expirationExtended)'),
    reasonCode: text('free text kept with the event'),
    eventTime: z
      .string()
      .meta({ description: 'ISO 8601 with offset: orders the events of a serial', examples: ['2026-11-18T09:30:00Z'] }),
  })
  .meta({ description: 'the full state of one serial at eventTime' });

export const DirectoryRecordSchema = z
  .object({
    gtin,
    responderGLN: z.string().meta({ description: "the producer's GLN", examples: ['0614141000005'] }),
    vrsName: text("default: the partner's name"),
    verificationUrl: text("https URL; default: the partner's baseUrl"),
    connectivityUrl: text('https URL; default: <verificationUrl>/checkConnectivity'),
    validFrom: text('YYYY-MM-DD (UTC midnight) or an instant with offset; default: now'),
    validTo: text('same forms; default: open-ended'),
  })
  .meta({ description: 'one Lookup Directory record' });

/** A JSON upload's body as plain JSON Schema (so the route does not validate it), the array of `record`. */
export function jsonRecordsBody(record: z.ZodType, description: string) {
  const { $schema: _, ...schema } = z.toJSONSchema(z.array(record), { io: 'input', unrepresentable: 'any' });
  return { schema: { ...schema, description } as { type: 'array'; description: string } };
}

const columns = (names: readonly string[]) => names.join(',');
export const PRODUCT_CSV_HEADER = columns(PRODUCT_CSV_COLUMNS);
export const SERIAL_CSV_HEADER = columns(SERIAL_CSV_COLUMNS);
export const DIRECTORY_CSV_HEADER = columns(DIRECTORY_CSV.read);
