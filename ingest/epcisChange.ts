import { daysInMonth } from '../domain/gs1/date.js';
import { isSet82 } from '../domain/gs1/index.js';
import type { FieldError } from '../domain/masterData/fieldError.js';
import type { SerialFlags, SerialStatus } from '../domain/serials/state.js';
import { err, ok, type Result } from '../domain/result.js';
import { child, descendants, textOf, type XmlObject } from './xmlNode.js';

/** What an ObjectEvent says about its packs; null means "does not say". */
export interface ObjectChange {
  status: SerialStatus | null;
  flags: Partial<SerialFlags>;
  lot: string | null;
  expiry: { yymmdd: string; iso: string } | null;
}

/**
 * CBV values arrive as EPCIS 1.2 URNs (`urn:epcglobal:cbv:bizstep:commissioning`), EPCIS 2.0
 * web URIs (`https://ref.gs1.org/cbv/BizStep-commissioning`) or bare words; the last
 * segment is the value.
 */
export const cbvValue = (uri: string | undefined): string | undefined =>
  uri === undefined
    ? undefined
    : uri.slice(Math.max(uri.lastIndexOf(':'), uri.lastIndexOf('/'), uri.lastIndexOf('-')) + 1);

/** `cbvmda:itemExpirationDate` is xsd:date YYYY-MM-DD; the pack prints YYMMDD. */
export function parseExpirationDate(s: string): Result<{ yymmdd: string; iso: string }, string> {
  const m = /^(\d{2})(\d{2})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) return err(`"${s}" is not a date YYYY-MM-DD`);
  const [, cc, yy, mm, dd] = m as unknown as [string, string, string, string, string];
  const month = Number(mm);
  if (month < 1 || month > 12 || Number(dd) < 1 || Number(dd) > daysInMonth(Number(cc + yy), month)) {
    return err(`"${s}" is not a calendar date`);
  }
  return ok({ yymmdd: yy + mm + dd, iso: s });
}

/**
 * data-formats.md: commissioning + ADD (+ disposition active) -> commissioned, with lot and
 * expiry from ILMD; decommissioning or disposition inactive -> decommissioned; destroying or
 * disposition destroyed -> destroyed; disposition recalled -> recalled flag. Other object
 * events (shipping, receiving...) change nothing we keep.
 */
export function objectChange(event: XmlObject): Result<ObjectChange, FieldError[]> {
  const action = textOf(child(event, 'action'));
  const bizStep = cbvValue(textOf(child(event, 'bizStep')));
  const disposition = cbvValue(textOf(child(event, 'disposition')));
  const commissioning = bizStep === 'commissioning' && action === 'ADD' && (disposition ?? 'active') === 'active';
  let status: SerialStatus | null = null;
  if (commissioning) status = 'commissioned';
  else if (bizStep === 'decommissioning' || disposition === 'inactive') status = 'decommissioned';
  else if (bizStep === 'destroying' || disposition === 'destroyed') status = 'destroyed';
  const flags: Partial<SerialFlags> = disposition === 'recalled' ? { recalled: true } : {};

  // EPCIS 1.2 nests ILMD in <extension>, 2.0 puts it on the event: look anywhere.
  const ilmd = descendants(event, 'ilmd')[0];
  const lot = textOf(child(ilmd, 'lotNumber')) ?? null;
  const expiryText = textOf(child(ilmd, 'itemExpirationDate'));
  const errors: FieldError[] = [];
  if (lot !== null && (lot.length > 20 || !isSet82(lot))) {
    errors.push({ path: 'ilmd.lotNumber', message: 'lot must be 1-20 characters of GS1 set 82' });
  }
  const expiry = expiryText === undefined ? null : parseExpirationDate(expiryText);
  if (expiry !== null && !expiry.ok) errors.push({ path: 'ilmd.itemExpirationDate', message: expiry.error });
  if (commissioning && lot === null)
    errors.push({ path: 'ilmd.lotNumber', message: 'a commissioning event needs cbvmda:lotNumber' });
  if (commissioning && expiry === null) {
    errors.push({ path: 'ilmd.itemExpirationDate', message: 'a commissioning event needs cbvmda:itemExpirationDate' });
  }
  if (errors.length > 0) return err(errors);
  return ok({ status, flags, lot, expiry: expiry?.ok ? expiry.value : null });
}
