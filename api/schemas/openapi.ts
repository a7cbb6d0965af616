import { z } from '@hono/zod-openapi';

/** Route-definition shorthands so every route file describes bodies and auth the same way. */
export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T, description: string) => ({ ...jsonContent(schema, description), required: true });

export const bearerAuth = [{ bearer: [] }];

/** An RFC 9457 error answer (api/problem.ts), for the statuses a route documents. */
export const problemContent = (description: string) => ({
  content: { 'application/problem+json': { schema: z.object({ title: z.string(), status: z.number(), detail: z.string().optional(), errors: z.array(z.object({ path: z.string(), message: z.string() }).passthrough()).optional() }) } },
  description,
});
