/** One serial record as a producer uploads it in JSON (the fields every record needs). */
export const SERIAL_JSON_RECORD = {
  gtin: '00305910369019',
  serial: 'S1',
  lot: 'L1',
  expiry: '270131',
  status: 'commissioned',
  eventTime: '2025-01-10T09:00:00Z',
};
