/** PostgreSQL SQLSTATE 23505: a unique constraint refused the row. */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/** SQLSTATE 23P01: an exclusion constraint refused the row (a company prefix another company holds). */
export const isExclusionViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23P01';
