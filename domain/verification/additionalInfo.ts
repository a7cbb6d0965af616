import { ADDITIONAL_INFO, type AdditionalInfo } from './types.js';

/**
 * additionalInfo as a bit set: bit i stands for ADDITIONAL_INFO[i]. The decision collects bits
 * in any order and gets back a list that is always in canonical order, without building an
 * array per request.
 */
export type InfoMask = number;

const bit = (code: AdditionalInfo): InfoMask => 1 << ADDITIONAL_INFO.indexOf(code);

export const RECALLED = bit('Recalled');
export const SUSPECT = bit('Suspect');
export const EXPIRED = bit('Expired');
export const EXPIRATION_EXTENDED = bit('ExpirationExtended');
export const ILLEGITIMATE = bit('Illegitimate');

// All 32 lists, built once and frozen because every answer with the same flags shares one.
const LISTS: readonly (readonly AdditionalInfo[])[] = Array.from({ length: 1 << ADDITIONAL_INFO.length }, (_, mask) =>
  Object.freeze(ADDITIONAL_INFO.filter((_code, i) => (mask & (1 << i)) !== 0)),
);

/** The canonical list for `mask`; undefined when empty, because the answer omits the field. */
export function additionalInfoFor(mask: InfoMask): readonly AdditionalInfo[] | undefined {
  return mask === 0 ? undefined : LISTS[mask];
}
