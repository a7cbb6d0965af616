import { gs1Error, type Gs1Error } from './errors.js';
import { computeCheckDigit, validateGtin14 } from './gtin.js';
import {
  formatNdc10,
  formatNdc11,
  ndc10ToNdc11,
  ndc11ToNdc10,
  NDC_LAYOUTS,
  parseNdc10,
  type NdcLayout,
} from './ndc.js';
import { err, ok, type Result } from '../result.js';

/** A US NDC sits in a GTIN-14 as: indicator + "03" + NDC10 digits + check digit. */
const NDC_PREFIX = '03';

export interface NdcToGtin {
  ndc10Digits: string;
  layout: NdcLayout | null;
  gtin14: string;
  /** Null when the layout is unknown: each layout pads a different segment. */
  ndc11: string | null;
  ndc11Hyphenated: string | null;
}

export interface NdcReading {
  layout: NdcLayout;
  ndc10: string;
  ndc11: string;
}

export interface GtinToNdc {
  indicator: number;
  ndc10Digits: string;
  /** Every layout reading; the labeler code length from master data picks the right one. */
  candidates: NdcReading[];
}

function gtinFromNdcDigits(ndc10Digits: string, indicator: number): Result<string, Gs1Error> {
  if (!Number.isInteger(indicator) || indicator < 0 || indicator > 8) {
    return err(gs1Error('invalid_indicator', `GTIN indicator must be 0-8, got ${indicator}`));
  }
  const data = `${indicator}${NDC_PREFIX}${ndc10Digits}`;
  return ok(data + String(computeCheckDigit(data)));
}

export function ndc10ToGtin14(ndc10: string, indicator: number, layout?: NdcLayout): Result<NdcToGtin, Gs1Error> {
  const parsed = parseNdc10(ndc10, layout);
  if (!parsed.ok) return parsed;
  const { digits, layout: found } = parsed.value;
  const gtin14 = gtinFromNdcDigits(digits, indicator);
  if (!gtin14.ok) return gtin14;
  const ndc11 = found === null ? null : ndc10ToNdc11(digits, found);
  return ok({
    ndc10Digits: digits,
    layout: found,
    gtin14: gtin14.value,
    ndc11,
    ndc11Hyphenated: ndc11 === null ? null : formatNdc11(ndc11),
  });
}

export function ndc11ToGtin14(ndc11: string, layout: NdcLayout, indicator: number): Result<string, Gs1Error> {
  const digits = ndc11ToNdc10(ndc11, layout);
  return digits.ok ? gtinFromNdcDigits(digits.value, indicator) : digits;
}

/** Errors in the vectors' order: length, non_digit, check_digit, then not_ndc. */
export function gtin14ToNdc10(gtin14: string): Result<GtinToNdc, Gs1Error> {
  const valid = validateGtin14(gtin14);
  if (!valid.ok) return valid;
  // The "03" must follow the indicator; a GTIN that merely starts with 03 is not an NDC.
  if (gtin14.slice(1, 3) !== NDC_PREFIX) {
    return err(gs1Error('not_ndc', `GTIN digits 2-3 are ${gtin14.slice(1, 3)}, not ${NDC_PREFIX}`, { position: 1 }));
  }
  const ndc10Digits = gtin14.slice(3, 13);
  return ok({
    indicator: gtin14.charCodeAt(0) - 48,
    ndc10Digits,
    candidates: NDC_LAYOUTS.map((layout) => ({
      layout,
      ndc10: formatNdc10(ndc10Digits, layout),
      ndc11: ndc10ToNdc11(ndc10Digits, layout),
    })),
  });
}
