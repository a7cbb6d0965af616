import pg from 'pg';
import type { SerialRules } from '../../domain/serials/rules.js';

/** The part of the serial rules the SQL applies; `enabled` is the callers' business. */
export type SerialSelection = Pick<SerialRules, 'include'>;

const FIELDS = ['gtin', 'lot', 'status'] as const;

/**
 * The rules as a SQL predicate over a folded state aliased `alias`: any include entry whose
 * given fields all match; no entry selects everything. Literals are inlined (COPY takes no bind
 * parameters) and escaped by pg's own escapeLiteral.
 */
export function selectionPredicate(selection: SerialSelection, alias: string): string {
  const include = selection.include ?? [];
  if (include.length === 0) return 'true';
  const entries = include.map((entry) => {
    const tests = FIELDS.flatMap((field) => {
      const value = entry[field];
      return value === undefined ? [] : [`${alias}.${field} = ${pg.escapeLiteral(value)}`];
    });
    return tests.length === 0 ? 'true' : `(${tests.join(' and ')})`;
  });
  return `(${entries.join(' or ')})`;
}
