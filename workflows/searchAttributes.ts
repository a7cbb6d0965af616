import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Typed search attributes so the Temporal UI lists and filters syncs per company and kind.
export const VrsCompany = defineSearchAttributeKey('VrsCompany', SearchAttributeType.KEYWORD);
/** The company's name as the operator knows it (VrsCompany is its id), for `VrsCompanyName = "Acme"` in the UI. */
export const VrsCompanyName = defineSearchAttributeKey('VrsCompanyName', SearchAttributeType.KEYWORD);
export const VrsKind = defineSearchAttributeKey('VrsKind', SearchAttributeType.KEYWORD);
export const VrsProgress = defineSearchAttributeKey('VrsProgress', SearchAttributeType.INT);

export const SEARCH_ATTRIBUTE_KEYS = [VrsCompany, VrsCompanyName, VrsKind, VrsProgress] as const;
