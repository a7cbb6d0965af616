/**
 * A product as the master-data side keeps it (api.md "Product fields"), after validation:
 * identifiers normalised, NDC forms derived. Optional descriptive fields are null when the
 * sender did not give them, so stored and compared products have one shape.
 */
export interface NetContent {
  value: number;
  /** UN/ECE Rec 20 code as GDSN sends it (e.g. `EA`, `MLT`, `GRM`), or the sender's unit text. */
  unit: string;
}

export interface Product {
  /** GTIN-14. */
  gtin: string;
  /** NDC10: hyphenated when its layout is known (`0591-0369-01`), else the ten digits; null when the GTIN carries no NDC. */
  ndc: string | null;
  /** 11-digit billing NDC (5-4-2, no hyphens); null unless the layout is known. */
  ndc11: string | null;
  brandName: string | null;
  functionalName: string | null;
  regulatedProductName: string | null;
  dosageForm: string | null;
  strength: string | null;
  netContent: NetContent | null;
  /** Package level, GDSN TradeItemUnitDescriptorCode (`BASE_UNIT_OR_EACH`, `PACK_OR_INNER_PACK`, `CASE`, ...). */
  tradeItemUnitDescriptor: string | null;
  /** ISO 3166-1 numeric, three digits each (`840`). */
  targetMarkets: string[];
  /** GLN of the information provider; null when the upload did not say (the uploader owns it). */
  ownerGln: string | null;
}
