/**
 * A 200 file download, saved by the browser as `filename`. `cacheControl` is for files only
 * the caller may see (history), which no shared cache may keep.
 */
export function attachment(
  body: ConstructorParameters<typeof Response>[0],
  file: { contentType: string; filename: string; cacheControl?: string },
): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': file.contentType,
      ...(file.cacheControl && { 'cache-control': file.cacheControl }),
      'content-disposition': `attachment; filename="${file.filename}"`,
    },
  });
}
