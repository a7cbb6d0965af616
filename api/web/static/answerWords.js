// Verification answers in plain words, for the scan station and the producer's self-verify.
export const REASONS = {
  No_match_GTIN_Serial: 'No pack with this GTIN and serial number exists.',
  No_match_GTIN_Serial_Lot: 'The serial exists, but the lot on the pack does not match.',
  No_match_GTIN_Serial_Expiry: 'The serial exists, but the expiry on the pack does not match.',
  No_match_GTIN_Serial_Lot_Expiry: 'The serial exists, but neither lot nor expiry match.',
  No_reason_provided: 'The manufacturer gave no reason.',
  Manufacturer_policy: 'The manufacturer does not accept this pack back (manufacturer policy).',
  'Not_for_re-distribution': 'This pack must not be redistributed (decommissioned, destroyed or dispensed).',
};
export const INFO = {
  Recalled: 'Recalled',
  Suspect: 'Suspect product',
  Expired: 'Expired',
  ExpirationExtended: 'Expiry extended by the manufacturer',
  Illegitimate: 'Illegitimate product',
};
