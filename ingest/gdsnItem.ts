import type { ProductRecord } from '../domain/masterData/validate.js';
import { attrOf, child, children, descendants, preferredText, textOf, type XmlObject } from './xmlNode.js';

/**
 * Where each product field comes from in a GDSN 3.1 `tradeItem` (local names, prefixes
 * already gone). Identification sits directly under tradeItem; descriptive attributes sit
 * in modules (`tradeItemInformation/extension/*Module/...`) whose nesting varies by sender
 * and version, so they are found by element name anywhere in the item:
 *
 * - gtin, tradeItemUnitDescriptorCode, targetMarket/targetMarketCountryCode,
 *   informationProviderOfTradeItem/gln: direct children.
 * - ndc: additionalTradeItemIdentification with additionalTradeItemIdentificationTypeCode
 *   `FDA_NDC_11` (an NDC11; validation checks it against the GTIN).
 * - brandName, functionalName, regulatedProductName: tradeItemDescriptionModule; when
 *   regulatedProductName is absent, tradeItemDescription stands in, the closest GDSN has to
 *   a product name. Language-tagged values: English, else the first.
 * - netContent[@measurementUnitCode]: tradeItemMeasurementsModule; the first one given.
 * - strength: strengthDescription; dosageForm: dosageFormTypeCodeReference,
 *   dosageFormTypeCode or dosageFormType (pharmaceutical / healthcare item modules).
 */
const DOSAGE_FORM_ELEMENTS = ['dosageFormTypeCodeReference', 'dosageFormTypeCode', 'dosageFormType'];

const firstText = (item: XmlObject, names: readonly string[]): string | null => {
  for (const name of names) {
    const text = preferredText(descendants(item, name));
    if (text !== undefined) return text;
  }
  return null;
};

function ndcOf(item: XmlObject): string | null {
  const ids = children(item, 'additionalTradeItemIdentification');
  const ndc = ids.find((id) => attrOf(id, 'additionalTradeItemIdentificationTypeCode') === 'FDA_NDC_11');
  return textOf(ndc) ?? null;
}

function netContentOf(item: XmlObject): ProductRecord['netContent'] {
  const node = descendants(item, 'netContent')[0];
  const value = textOf(node);
  if (value === undefined) return null;
  return { value, unit: attrOf(node, 'measurementUnitCode') ?? '' };
}

/** The product record of one trade item, unvalidated: validation reports what is missing or wrong. */
export function tradeItemToRecord(item: XmlObject): ProductRecord {
  const targetMarkets = children(item, 'targetMarket')
    .flatMap((market) => children(market, 'targetMarketCountryCode'))
    .map(textOf)
    .filter((code): code is string => code !== undefined);
  return {
    gtin: textOf(child(item, 'gtin')) ?? '',
    ndc: ndcOf(item),
    brandName: firstText(item, ['brandName']),
    functionalName: firstText(item, ['functionalName']),
    regulatedProductName: firstText(item, ['regulatedProductName', 'tradeItemDescription']),
    dosageForm: firstText(item, DOSAGE_FORM_ELEMENTS),
    strength: firstText(item, ['strengthDescription']),
    netContent: netContentOf(item),
    tradeItemUnitDescriptor: textOf(child(item, 'tradeItemUnitDescriptorCode')) ?? null,
    targetMarkets,
    ownerGln: textOf(child(item, 'informationProviderOfTradeItem', 'gln')) ?? null,
  };
}
