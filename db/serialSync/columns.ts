/**
 * The columns a serial state travels with, in network_serials' order. Binary COPY checks no
 * types, so every producer of these rows casts to exactly these types.
 */
export const STATE_COLUMNS = [
  ['gtin', 'char(14)'],
  ['serial', 'text'],
  ['producer_company_id', 'uuid'],
  ['lot', 'text'],
  ['expiry', 'char(6)'],
  ['expiry_date', 'date'],
  ['extended_expiry', 'char(6)'],
  ['extended_expiry_date', 'date'],
  ['status', 'text'],
  ['recalled', 'boolean'],
  ['suspect', 'boolean'],
  ['illegitimate', 'boolean'],
  ['expiration_extended', 'boolean'],
  ['reason_code', 'text'],
  ['event_time', 'timestamptz'],
  ['event_id', 'text'],
  ['folded_events', 'integer'],
] as const;

export const STATE_COLUMN_NAMES = STATE_COLUMNS.map(([name]) => name);

/** The state columns as a SQL column list. */
export const STATE_COLUMN_LIST = STATE_COLUMN_NAMES.join(', ');

/** Staged rows carry `selected`: true upsert, false remove (rules no longer select it), null incomplete. */
export const STAGE_COLUMN_NAMES = [...STATE_COLUMN_NAMES, 'selected'] as const;
