import type { FieldError } from './fieldError.js';
import type { Product } from './product.js';
import { err, type Result } from '../result.js';
import { validateProduct, type ValidationContext } from './validate.js';

/**
 * What an uploaded product must say beyond a valid GTIN: where it is sold and what it is
 * called. A row without them (a serial file's rows, a half-filled spreadsheet) would replace
 * a live product with an empty one, which the next sync withdraws. Products stored before
 * this check are judged by the sync as before, not withdrawn for lacking these fields.
 */
export function missingUploadFields(
  product: Pick<Product, 'brandName' | 'functionalName' | 'regulatedProductName'> & {
    targetMarkets: readonly unknown[];
  },
): FieldError[] {
  const errors: FieldError[] = [];
  if (product.targetMarkets.length === 0) {
    errors.push({
      path: 'targetMarkets',
      message: 'at least one target market is required (840 for the United States)',
    });
  }
  if (product.brandName === null && product.functionalName === null && product.regulatedProductName === null) {
    errors.push({
      path: 'brandName',
      message: 'a product name is required: brandName, functionalName or regulatedProductName',
    });
  }
  return errors;
}

/** An uploaded record as a product: valid, and with every field an upload must give. */
export function validateUploadedProduct(input: unknown, ctx: ValidationContext): Result<Product, FieldError[]> {
  const result = validateProduct(input, ctx);
  if (!result.ok) return err([...result.error, ...missingInRecord(input, result.error)]);
  const missing = missingUploadFields(result.value);
  return missing.length === 0 ? result : err(missing);
}

const given = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** The fields an invalid record also lacks, so its one answer names them with the rest. */
function missingInRecord(input: unknown, found: readonly FieldError[]): FieldError[] {
  if (typeof input !== 'object' || input === null) return [];
  const r = input as Record<string, unknown>;
  const missing = missingUploadFields({
    brandName: given(r.brandName),
    functionalName: given(r.functionalName),
    regulatedProductName: given(r.regulatedProductName),
    targetMarkets: Array.isArray(r.targetMarkets) ? r.targetMarkets : [],
  });
  return missing.filter((m) => !found.some((f) => f.path === m.path || f.path.startsWith(`${m.path}.`)));
}
