/**
 * One problem with one field of an input record, as the upload report and problem+json
 * `errors` carry it (api.md). `path` is dotted (`netContent.value`, `targetMarkets.1`).
 */
export interface FieldError {
  path: string;
  message: string;
}
