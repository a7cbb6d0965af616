import type { z } from 'zod';

/**
 * One problem with one field of an input record, as the upload report and problem+json
 * `errors` carry it (api.md). `path` is dotted (`netContent.value`, `targetMarkets.1`).
 */
export interface FieldError {
  path: string;
  message: string;
}

/** A zod failure as field errors; an issue with no path is the record as a whole. */
export const zodFieldErrors = (error: z.ZodError): FieldError[] =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(record)', message: issue.message }));
