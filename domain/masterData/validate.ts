import { z } from 'zod';
import { gtinWithinPrefixes, outsidePrefixesMessage } from '../gs1/companyPrefix.js';
import { normalizeGtin, validateGln } from '../gs1/index.js';
import { zodFieldErrors, type FieldError } from './fieldError.js';
import { resolveNdc } from './ndcFields.js';
import type { Product } from './product.js';
import { err, ok, type Result } from '../result.js';

/** Optional text: trimmed, and empty means "not given" (CSV has no other way to say it). */
const text = z
  .string()
  .trim()
  .max(500)
  .nullish()
  .transform((s) => (s ? s : null));

/** JSON sends a number, CSV a string; both must be a plain non-negative decimal. */
const amount = z.union(
  [
    z.number().nonnegative().finite(),
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/, 'a non-negative decimal number')
      .transform(Number),
  ],
  { error: 'a non-negative decimal number, such as 30 or 2.5' },
);

/** Spreadsheets drop leading zeros (`016` -> `16`), so 1-3 digits are accepted and padded. */
const targetMarket = z
  .string()
  .trim()
  .regex(/^\d{1,3}$/, 'a 3-digit ISO 3166 numeric code')
  .transform((s) => s.padStart(3, '0'));

/** An incoming product record (JSON, CSV or GDSN after extraction), before identifier checks. */
export const productRecordSchema = z.object({
  // A JSON number would already have lost the GTIN's leading zeros, so only strings are accepted.
  gtin: z.string({ error: 'GTIN must be a string of digits' }).trim().min(1, 'GTIN is required'),
  ndc: text,
  ndc11: text,
  brandName: text,
  functionalName: text,
  regulatedProductName: text,
  dosageForm: text,
  strength: text,
  netContent: z.object({ value: amount, unit: z.string().trim().min(1, 'unit is required') }).nullish(),
  tradeItemUnitDescriptor: text,
  targetMarkets: z.array(targetMarket).nullish(),
  ownerGln: text,
});

export type ProductRecord = z.input<typeof productRecordSchema>;

export interface ValidationContext {
  /**
   * The producer's GS1 company prefixes (domain.md: they define which GTINs it may publish).
   * Empty means it may publish none, so every record is rejected rather than silently trusted.
   */
  companyPrefixes: readonly string[];
}

/** The GTIN of a record whose other fields are wrong is judged too, so one answer names every mistake. */
function gtinErrors(input: unknown, ctx: ValidationContext): FieldError[] {
  const written = (input as { gtin?: unknown } | null)?.gtin;
  if (typeof written !== 'string' || written.trim() === '') return [];
  const gtin = normalizeGtin(written);
  if (!gtin.ok) return [{ path: 'gtin', message: gtin.error.message }];
  return gtinWithinPrefixes(gtin.value, ctx.companyPrefixes)
    ? []
    : [{ path: 'gtin', message: outsidePrefixesMessage(gtin.value, ctx.companyPrefixes) }];
}

/**
 * A record as a `Product`, or every field-level error found: shape first (zod), then the GS1
 * identifiers, which need the shape to be right before they can be read.
 */
export function validateProduct(input: unknown, ctx: ValidationContext): Result<Product, FieldError[]> {
  const parsed = productRecordSchema.safeParse(input);
  if (!parsed.success) return err([...gtinErrors(input, ctx), ...zodFieldErrors(parsed.error)]);
  const record = parsed.data;
  const errors: FieldError[] = [];

  const gtin = normalizeGtin(record.gtin);
  if (!gtin.ok) return err([{ path: 'gtin', message: gtin.error.message }]);
  if (!gtinWithinPrefixes(gtin.value, ctx.companyPrefixes))
    errors.push({ path: 'gtin', message: outsidePrefixesMessage(gtin.value, ctx.companyPrefixes) });
  const ndc = resolveNdc(gtin.value, { ndc: record.ndc, ndc11: record.ndc11 });
  if (!ndc.ok) errors.push(...ndc.error);
  if (record.ownerGln !== null) {
    const gln = validateGln(record.ownerGln);
    if (!gln.ok) errors.push({ path: 'ownerGln', message: gln.error.message });
  }
  if (errors.length > 0 || !ndc.ok) return err(errors);

  return ok({
    gtin: gtin.value,
    ndc: ndc.value.ndc,
    ndc11: ndc.value.ndc11,
    brandName: record.brandName,
    functionalName: record.functionalName,
    regulatedProductName: record.regulatedProductName,
    dosageForm: record.dosageForm,
    strength: record.strength,
    netContent: record.netContent ?? null,
    tradeItemUnitDescriptor: record.tradeItemUnitDescriptor,
    targetMarkets: [...new Set(record.targetMarkets ?? [])],
    ownerGln: record.ownerGln,
  });
}
