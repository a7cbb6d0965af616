import { z } from 'zod';
import { isSet82, normalizeGtin, parseGs1Date } from '../domain/gs1/index.js';
import { zodFieldErrors, type FieldError } from '../domain/masterData/fieldError.js';
import type { SerialEvent } from '../domain/serials/event.js';
import { SERIAL_STATUSES, type SerialStatus } from '../domain/serials/state.js';
import { err, ok, type Result } from '../domain/result.js';
import { contentEventId } from './eventId.js';
import { parseInstant } from './instant.js';

const text = z
  .string()
  .trim()
  .nullish()
  .transform((s) => (s ? s : null));
const gs1Text = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(20, 'at most 20 characters')
  .refine(isSet82, 'only GS1 set 82 characters');
/** JSON sends booleans, CSV `true`/`false` (spreadsheets write `TRUE`); empty means false. */
const flag = z
  .union([
    z.boolean(),
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['true', 'false', '']))
      .transform((s) => s === 'true'),
  ])
  .nullish()
  .transform((b) => b ?? false);

/** A serial CSV row or JSON object (data-formats.md): the full state of one pack at eventTime. */
export const serialRecordSchema = z.object({
  eventId: text,
  gtin: z.string({ error: 'GTIN must be a string of digits' }).trim(),
  serial: gs1Text,
  lot: gs1Text,
  expiry: z.string().trim(),
  status: z.enum(SERIAL_STATUSES as [SerialStatus, ...SerialStatus[]]),
  recalled: flag,
  suspect: flag,
  illegitimate: flag,
  expirationExtended: flag,
  extendedExpiry: text,
  reasonCode: text,
  eventTime: z.string({ error: 'eventTime is required' }).trim(),
});

/**
 * One record as a full-state SerialEvent. Expiry dates resolve their two-digit year against
 * `now` (GS1 sliding window). Without an eventId the id is the hash of the normalised event,
 * so the same row uploaded as CSV or JSON, or twice, is one event.
 */
export function toSerialEvent(input: unknown, now: Date): Result<SerialEvent, FieldError[]> {
  const parsed = serialRecordSchema.safeParse(input);
  if (!parsed.success) return err(zodFieldErrors(parsed.error));
  const r = parsed.data;
  const errors: FieldError[] = [];
  const gtin = normalizeGtin(r.gtin);
  if (!gtin.ok) errors.push({ path: 'gtin', message: gtin.error.message });
  const expiry = parseGs1Date(r.expiry, now, { ai: '17' });
  if (!expiry.ok) errors.push({ path: 'expiry', message: expiry.error.message });
  const extended = r.extendedExpiry === null ? null : parseGs1Date(r.extendedExpiry, now, { ai: '7003' });
  if (extended !== null && !extended.ok) errors.push({ path: 'extendedExpiry', message: extended.error.message });
  if (r.expirationExtended && r.extendedExpiry === null)
    errors.push({ path: 'extendedExpiry', message: 'required when expirationExtended is true' });
  if (!r.expirationExtended && r.extendedExpiry !== null)
    errors.push({ path: 'extendedExpiry', message: 'given but expirationExtended is false' });
  const time = parseInstant(r.eventTime);
  if (!time.ok) errors.push({ path: 'eventTime', message: time.error });
  if (errors.length > 0 || !gtin.ok || !expiry.ok || !time.ok) return err(errors);

  const event: Omit<SerialEvent, 'eventId'> = {
    kind: 'object',
    affectsState: true,
    fullState: true,
    gtin: gtin.value,
    serial: r.serial,
    lot: r.lot,
    expiry: expiry.value.yymmdd,
    expiryDate: expiry.value.iso,
    extendedExpiry: extended?.ok ? extended.value.yymmdd : null,
    extendedExpiryDate: extended?.ok ? extended.value.iso : null,
    status: r.status,
    flags: {
      recalled: r.recalled,
      suspect: r.suspect,
      illegitimate: r.illegitimate,
      expirationExtended: r.expirationExtended,
    },
    reasonCode: r.reasonCode,
    eventTime: time.value,
  };
  return ok({ eventId: r.eventId ?? contentEventId(event), ...event });
}
