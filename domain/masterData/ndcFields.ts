import {
  formatNdc10,
  gtin14ToNdc10,
  ndc10ToNdc11,
  ndc11ToNdc10,
  NDC_LAYOUTS,
  parseNdc10,
  type NdcLayout,
} from '../gs1/index.js';
import type { FieldError } from './fieldError.js';
import { err, ok, type Result } from '../result.js';

export interface NdcFields {
  ndc: string | null;
  ndc11: string | null;
}

/** An NDC11 as 11 plain digits or 5-4-2 hyphenated; anything else given as `ndc` is read as an NDC10. */
const looksLikeNdc11 = (s: string): boolean => /^\d{11}$/.test(s) || /^\d{5}-\d{4}-\d{2}$/.test(s);

/**
 * The NDC forms of a product. The GTIN is the authority (a US pack carries indicator + `03` +
 * NDC10 digits), so a given NDC must agree with it; when absent it is derived. The layout, and
 * with it the NDC11, is known only when the sender hyphenated the NDC10 or gave an NDC11:
 * the ten digits alone fit all three layouts (ndc.json "candidates").
 */
export function resolveNdc(
  gtin: string,
  given: { ndc: string | null; ndc11: string | null },
): Result<NdcFields, FieldError[]> {
  const fromGtin = gtin14ToNdc10(gtin);
  const ndcIsNdc11 = given.ndc !== null && looksLikeNdc11(given.ndc);
  const ndc10In = ndcIsNdc11 ? null : given.ndc;
  const ndc11In = ndcIsNdc11 ? given.ndc : given.ndc11;
  const ndc11Path = ndcIsNdc11 ? 'ndc' : 'ndc11';
  if (!fromGtin.ok) {
    if (ndc10In === null && ndc11In === null) return ok({ ndc: null, ndc11: null });
    const path = ndc10In !== null ? 'ndc' : ndc11Path;
    return err([{ path, message: `the GTIN carries no NDC (${fromGtin.error.message})` }]);
  }
  const digits = fromGtin.value.ndc10Digits;

  let layout: NdcLayout | null = null;
  if (ndc10In !== null) {
    const parsed = parseNdc10(ndc10In);
    if (!parsed.ok) return err([{ path: 'ndc', message: parsed.error.message }]);
    if (parsed.value.digits !== digits) {
      return err([{ path: 'ndc', message: `NDC ${ndc10In} does not match the GTIN, whose NDC digits are ${digits}` }]);
    }
    layout = parsed.value.layout;
  }
  if (ndc11In !== null) {
    const fits = NDC_LAYOUTS.filter((l) => {
      const back = ndc11ToNdc10(ndc11In, l);
      return back.ok && back.value === digits && (layout === null || layout === l);
    });
    if (fits.length === 0) {
      return err([
        {
          path: ndc11Path,
          message: `NDC11 ${ndc11In} does not match the GTIN's NDC digits ${digits}${layout ? ` in layout ${layout}` : ''}`,
        },
      ]);
    }
    // Several layouts fit only when they give the same NDC11; the NDC10 hyphenation then stays unknown.
    if (fits.length === 1) layout = fits[0] ?? null;
    if (layout === null) return ok({ ndc: digits, ndc11: ndc11In.replaceAll('-', '') });
  }
  if (layout === null) return ok({ ndc: digits, ndc11: null });
  return ok({ ndc: formatNdc10(digits, layout), ndc11: ndc10ToNdc11(digits, layout) });
}
