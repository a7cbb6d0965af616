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
export function missingUploadFields(product: Product): FieldError[] {
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
  if (!result.ok) return result;
  const missing = missingUploadFields(result.value);
  return missing.length === 0 ? result : err(missing);
}
