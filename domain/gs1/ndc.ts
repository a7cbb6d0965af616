import { gs1Error, type Gs1Error } from './errors.js';
import { err, ok, type Result } from '../result.js';

/**
 * US National Drug Code layouts (labeler-product-package). The same ten digits read in
 * different layouts give different NDC11s, so the layout must travel with the digits.
 */
export type NdcLayout = '4-4-2' | '5-3-2' | '5-4-1';
export const NDC_LAYOUTS: readonly NdcLayout[] = ['4-4-2', '5-3-2', '5-4-1'];

const SEGMENTS: Record<NdcLayout, readonly [number, number, number]> = {
  '4-4-2': [4, 4, 2],
  '5-3-2': [5, 3, 2],
  '5-4-1': [5, 4, 1],
};

export interface Ndc10 {
  /** The ten digits, hyphens removed. */
  digits: string;
  /** Null when plain digits were given without a layout. */
  layout: NdcLayout | null;
}

/**
 * Reads an NDC10, hyphenated in an FDA layout or as ten plain digits (with an optional
 * layout). Errors in the vectors' order: non_digit, then segment_layout or length.
 */
export function parseNdc10(input: string, layout?: NdcLayout): Result<Ndc10, Gs1Error> {
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if ((c < 48 || c > 57) && c !== 45) {
      return err(gs1Error('non_digit', 'an NDC has only digits and hyphens', { position: i }));
    }
  }
  if (!input.includes('-')) {
    if (input.length !== 10) return err(gs1Error('length', `an NDC10 has 10 digits, got ${input.length}`));
    return ok({ digits: input, layout: layout ?? null });
  }
  const shape = input
    .split('-')
    .map((part) => part.length)
    .join('-');
  const found = NDC_LAYOUTS.find((l) => l === shape);
  if (found === undefined || (layout !== undefined && layout !== found)) {
    return err(gs1Error('segment_layout', `NDC segments ${shape} are not ${layout ?? '4-4-2, 5-3-2 or 5-4-1'}`));
  }
  return ok({ digits: input.replaceAll('-', ''), layout: found });
}

function split(digits: string, layout: NdcLayout): [string, string, string] {
  const [a, b] = SEGMENTS[layout];
  return [digits.slice(0, a), digits.slice(a, a + b), digits.slice(a + b)];
}

/** Hyphenated NDC10 in the given layout. */
export function formatNdc10(digits: string, layout: NdcLayout): string {
  return split(digits, layout).join('-');
}

/** 11-digit billing NDC (5-4-2): the short segment gets one leading zero. */
export function ndc10ToNdc11(digits: string, layout: NdcLayout): string {
  const [labeler, product, pkg] = split(digits, layout);
  return labeler.padStart(5, '0') + product.padStart(4, '0') + pkg.padStart(2, '0');
}

export function formatNdc11(ndc11: string): string {
  return `${ndc11.slice(0, 5)}-${ndc11.slice(5, 9)}-${ndc11.slice(9)}`;
}

/**
 * NDC11 (plain or 5-4-2 hyphenated) back to NDC10 digits. Which zero was padding is not in the
 * NDC11, so the original layout is required; the padded position must hold a zero.
 */
export function ndc11ToNdc10(ndc11: string, layout: NdcLayout): Result<string, Gs1Error> {
  const plain = ndc11.length === 13 && ndc11[5] === '-' && ndc11[10] === '-' ? ndc11.replaceAll('-', '') : ndc11;
  if (plain.length !== 11) return err(gs1Error('length', `an NDC11 has 11 digits, got ${plain.length}`));
  const bad = [...plain].findIndex((ch) => ch < '0' || ch > '9');
  if (bad !== -1) return err(gs1Error('non_digit', 'an NDC11 has only digits', { position: bad }));
  const padAt = { '4-4-2': 0, '5-3-2': 5, '5-4-1': 9 }[layout];
  if (plain[padAt] !== '0') {
    return err(gs1Error('segment_layout', `NDC11 ${formatNdc11(plain)} cannot come from a ${layout} NDC10`));
  }
  return ok(plain.slice(0, padAt) + plain.slice(padAt + 1));
}
