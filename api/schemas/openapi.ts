import type { z } from '@hono/zod-openapi';

/** Route-definition shorthands so every route file describes bodies and auth the same way. */
export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T, description: string) => ({ ...jsonContent(schema, description), required: true });

export const bearerAuth = [{ bearer: [] }];
