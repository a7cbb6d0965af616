/** The state of one serialized pack as the network read table keeps it. */
export type SerialStatus = 'commissioned' | 'decommissioned' | 'destroyed';

export const SERIAL_STATUSES: readonly SerialStatus[] = ['commissioned', 'decommissioned', 'destroyed'];

export interface SerialFlags {
  recalled: boolean;
  suspect: boolean;
  illegitimate: boolean;
  expirationExtended: boolean;
}

export interface SerialState {
  gtin: string;
  serial: string;
  lot: string;
  /** YYMMDD as printed on the pack. */
  expiry: string;
  /** ISO date (YYYY-MM-DD) with day 00 resolved to the month end. */
  expiryDate: string;
  /** Set when flags.expirationExtended: the new expiry, YYMMDD and resolved ISO date. */
  extendedExpiry: string | null;
  extendedExpiryDate: string | null;
  status: SerialStatus;
  flags: SerialFlags;
  reasonCode: string | null;
  /** ISO 8601 instant of the event that produced this state; the newest wins. */
  eventTime: string;
  eventId: string;
}
