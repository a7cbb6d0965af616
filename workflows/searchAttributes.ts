import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Typed search attributes so the Temporal UI lists and filters syncs per company and kind.
export const VrsCompany = defineSearchAttributeKey('VrsCompany', SearchAttributeType.KEYWORD);
export const VrsKind = defineSearchAttributeKey('VrsKind', SearchAttributeType.KEYWORD);
export const VrsProgress = defineSearchAttributeKey('VrsProgress', SearchAttributeType.INT);

export const SEARCH_ATTRIBUTE_KEYS = [VrsCompany, VrsKind, VrsProgress] as const;
