import { parseSgtinUri } from '../domain/gs1/index.js';
import type { FieldError } from '../domain/masterData/fieldError.js';
import type { SerialEvent, SerialEventKind } from '../domain/serials/event.js';
import { err, ok, type Result } from '../domain/result.js';
import { objectChange, type ObjectChange } from './epcisChange.js';
import { contentEventId } from './eventId.js';
import { parseInstant } from './instant.js';
import { child, children, textOf, type XmlObject } from './xmlNode.js';

export const EPCIS_EVENT_ELEMENTS: ReadonlyMap<string, SerialEventKind | null> = new Map([
  ['ObjectEvent', 'object'],
  ['AggregationEvent', 'aggregation'],
  ['TransactionEvent', 'transaction'],
  // Counted as rows so numbering matches the document, but reported as unsupported.
  ['TransformationEvent', null],
  ['AssociationEvent', null],
]);

interface Pack {
  epc: string;
  gtin: string;
  serial: string;
}

/** The EPCs an event is about: epcList for object and transaction events, parent + children for aggregation. */
function epcsOf(kind: SerialEventKind, event: XmlObject): { path: string; epc: string }[] {
  const list = (container: string) =>
    children(child(event, container), 'epc').map((node, i) => ({ path: `${container}.${i}`, epc: textOf(node) ?? '' }));
  const parent = textOf(child(event, 'parentID'));
  const parentEpc = parent === undefined ? [] : [{ path: 'parentID', epc: parent }];
  return kind === 'aggregation'
    ? [...parentEpc, ...list('childEPCs')]
    : kind === 'transaction'
      ? [...parentEpc, ...list('epcList')]
      : list('epcList');
}

/**
 * SGTIN EPCs are packs. Other pure-identity EPCs (SSCC cases and pallets, SGLN...) are
 * containers or places, not packs, so they are skipped; anything else is an error.
 */
function packsOf(kind: SerialEventKind, event: XmlObject, errors: FieldError[]): Pack[] {
  const packs = new Map<string, Pack>();
  for (const { path, epc } of epcsOf(kind, event)) {
    if (!epc.toLowerCase().startsWith('urn:epc:id:sgtin:')) {
      if (!epc.toLowerCase().startsWith('urn:epc:id:')) errors.push({ path, message: `"${epc}" is not an EPC URI` });
      continue;
    }
    const sgtin = parseSgtinUri(epc);
    if (sgtin.ok) packs.set(epc, { epc, gtin: sgtin.value.gtin, serial: sgtin.value.serial });
    else errors.push({ path, message: `bad SGTIN ${epc}: ${sgtin.error.message}` });
  }
  return [...packs.values()];
}

/**
 * One EPCIS event (xml2js object, local names) as one SerialEvent per pack EPC. The id of
 * each is `${eventID}#${epc}` with the EPC as written; eventID is `baseExtension/eventID`
 * (1.2) or `eventID` (2.0), else the content hash of the event (`contentEventId`).
 * Aggregation and transaction events never affect state.
 */
export function epcisToSerialEvents(element: string, event: XmlObject): Result<SerialEvent[], FieldError[]> {
  const kind = EPCIS_EVENT_ELEMENTS.get(element);
  if (kind == null)
    return err([
      { path: element, message: `${element} is not supported; only object, aggregation and transaction events are` },
    ]);
  const errors: FieldError[] = [];
  const time = parseInstant(textOf(child(event, 'eventTime')) ?? '', textOf(child(event, 'eventTimeZoneOffset')));
  if (!time.ok) errors.push({ path: 'eventTime', message: time.error });
  const packs = packsOf(kind, event, errors);
  const change: Result<ObjectChange | null, FieldError[]> = kind === 'object' ? objectChange(event) : ok(null);
  if (!change.ok) errors.push(...change.error);
  if (kind === 'object' && packs.length === 0 && errors.length === 0) {
    errors.push({ path: 'epcList', message: 'the event lists no SGTIN EPC' });
  }
  if (errors.length > 0 || !time.ok || !change.ok) return err(errors);

  const c = change.value;
  const eventId =
    textOf(child(event, 'baseExtension', 'eventID')) ??
    textOf(child(event, 'eventID')) ??
    contentEventId({ element, event });
  return ok(
    packs.map((pack) => ({
      eventId: `${eventId}#${pack.epc}`,
      kind,
      affectsState: c !== null && (c.status !== null || Object.keys(c.flags).length > 0),
      fullState: false,
      gtin: pack.gtin,
      serial: pack.serial,
      lot: c?.lot ?? null,
      expiry: c?.expiry?.yymmdd ?? null,
      expiryDate: c?.expiry?.iso ?? null,
      extendedExpiry: null,
      extendedExpiryDate: null,
      status: c?.status ?? null,
      flags: c?.flags ?? {},
      reasonCode: null,
      eventTime: time.value,
    })),
  );
}
