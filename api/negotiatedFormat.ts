/** Media types a download can be asked for in `Accept`, by the `format` value that names each. */
const FORMAT_OF_MEDIA: Readonly<Record<string, string>> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/json': 'json',
};

/**
 * The format of a download: `format=` when given, else the first media type of `Accept` that
 * the route offers (`Accept: text/csv` is what spreadsheet tools and curl users send), else
 * the fallback. Quality values are not weighed: the order the client wrote decides.
 */
export function negotiatedFormat<F extends string>(
  format: F | undefined,
  accept: string | undefined,
  offered: readonly F[],
  fallback: F,
): F {
  if (format !== undefined) return format;
  for (const part of (accept ?? '').split(',')) {
    const media = part.split(';')[0]!.trim().toLowerCase();
    const named = FORMAT_OF_MEDIA[media];
    const found = offered.find((f) => f === named);
    if (found !== undefined) return found;
  }
  return fallback;
}
