import { z } from 'zod';
import { normalizeGtin, validateGln } from '../gs1/index.js';
import { zodFieldErrors, type FieldError } from '../masterData/fieldError.js';
import { err, ok, type Result } from '../result.js';

/**
 * A partner's Lookup Directory record as pulled from its VRS or uploaded by its operator:
 * GTIN -> responder GLN (the producer) -> the partner's VRS, over a validity range. Fields a
 * spreadsheet leaves out are null; the partner's own settings fill them when stored.
 */
export interface DirectoryRecord {
  gtin: string;
  responderGln: string;
  vrsName: string | null;
  verificationUrl: string | null;
  connectivityUrl: string | null;
  validFrom: Date | null;
  validTo: Date | null;
}

/** Optional text: trimmed, and empty means "not given" (CSV has no other way to say it). */
const optionalText = z
  .string()
  .trim()
  .max(500)
  .nullish()
  .transform((s) => (s ? s : null));

const httpsUrl = optionalText.refine((s) => s === null || isHttpsUrl(s), 'must be an https:// URL');

// A date alone is that day's start in UTC; a date-time must say its offset.
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
const instant = optionalText.transform((s, ctx) => {
  if (s === null) return null;
  const time = INSTANT.test(s) ? Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s) : Number.NaN;
  if (Number.isNaN(time)) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not an ISO 8601 date (YYYY-MM-DD) or date-time with offset` });
    return z.NEVER;
  }
  return new Date(time);
});

const recordSchema = z.object({
  // A JSON number would already have lost the GTIN's leading zeros, so only strings are accepted.
  gtin: z.string({ error: 'GTIN must be a string of digits' }).trim().min(1, 'GTIN is required'),
  responderGLN: z
    .string({ error: 'responderGLN must be a string of 13 digits' })
    .trim()
    .min(1, 'responderGLN is required'),
  vrsName: optionalText,
  verificationUrl: httpsUrl,
  connectivityUrl: httpsUrl,
  validFrom: instant,
  validTo: instant,
});

function isHttpsUrl(s: string): boolean {
  try {
    return new URL(s).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A record as sent (the field names of `GET /v1/lookup-directory` and of uploads), or every
 * field-level error: a bad GTIN or GLN check digit, a URL that is not https, an impossible
 * validity range.
 */
export function validateDirectoryRecord(input: unknown): Result<DirectoryRecord, FieldError[]> {
  const parsed = recordSchema.safeParse(input);
  if (!parsed.success) return err(zodFieldErrors(parsed.error));
  const r = parsed.data;
  const errors: FieldError[] = [];
  const gtin = normalizeGtin(r.gtin);
  if (!gtin.ok) errors.push({ path: 'gtin', message: gtin.error.message });
  const gln = validateGln(r.responderGLN);
  if (!gln.ok) errors.push({ path: 'responderGLN', message: gln.error.message });
  if (r.validFrom && r.validTo && r.validTo < r.validFrom)
    errors.push({ path: 'validTo', message: 'must not be before validFrom' });
  if (!gtin.ok || !gln.ok || errors.length > 0) return err(errors);
  return ok({
    gtin: gtin.value,
    responderGln: gln.value,
    vrsName: r.vrsName,
    verificationUrl: r.verificationUrl,
    connectivityUrl: r.connectivityUrl,
    validFrom: r.validFrom,
    validTo: r.validTo,
  });
}
