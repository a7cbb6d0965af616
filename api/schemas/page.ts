import { z } from '@hono/zod-openapi';

/** api.md: lists take an opaque `cursor` and a `limit` of at most this many items. */
export const MAX_PAGE_LIMIT = 1000;

export const limitSchema = (defaultLimit: number) =>
  z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(defaultLimit);

export const PageQuery = z.object({
  cursor: z.string().optional(),
  limit: limitSchema(100),
});
