/** PostgreSQL SQLSTATE 23505: a unique constraint refused the row. */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
