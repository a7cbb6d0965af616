import { z } from 'zod';
import { SERIAL_STATUSES, type SerialState } from './state.js';

/**
 * Serial rules (api.md): whether serial data syncs at all, and which serials. A clause
 * matches when every field it sets matches; an empty include selects every serial.
 */
export const serialRuleClauseSchema = z.strictObject({
  gtin: z
    .string()
    .regex(/^\d{14}$/, 'a GTIN-14')
    .optional(),
  lot: z.string().min(1).optional(),
  status: z.enum(SERIAL_STATUSES as [SerialState['status'], ...SerialState['status'][]]).optional(),
});

export const serialRulesSchema = z.strictObject({
  enabled: z.boolean(),
  include: z.array(serialRuleClauseSchema).default([]),
});

export type SerialRuleClause = z.infer<typeof serialRuleClauseSchema>;
export type SerialRules = { enabled: boolean; include?: readonly SerialRuleClause[] };

export type SerialSelection = { selected: true } | { selected: false; reason: string };

type Selectable = Pick<SerialState, 'gtin' | 'lot' | 'status'>;

export function serialClauseMatches(clause: SerialRuleClause, serial: Selectable): boolean {
  return (
    (clause.gtin === undefined || clause.gtin === serial.gtin) &&
    (clause.lot === undefined || clause.lot === serial.lot) &&
    (clause.status === undefined || clause.status === serial.status)
  );
}

export function selectSerial(serial: Selectable, rules: SerialRules): SerialSelection {
  if (!rules.enabled) return { selected: false, reason: 'serial sync is disabled' };
  const include = rules.include ?? [];
  if (include.length > 0 && !include.some((clause) => serialClauseMatches(clause, serial))) {
    return { selected: false, reason: 'no include rule matches' };
  }
  return { selected: true };
}
