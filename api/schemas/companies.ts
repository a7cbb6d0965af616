import { z } from '@hono/zod-openapi';
import type { Company } from '../../db/repositories/companies.js';
import { CompanyPrefixSchema, GlnSchema, TimeZoneSchema } from './gs1.js';

export const RoleSchema = z.enum(['producer', 'consumer']);

export const CreateCompanySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    gln: GlnSchema,
    roles: z.array(RoleSchema).min(1),
    companyPrefixes: z.array(CompanyPrefixSchema).optional(),
    timeZone: TimeZoneSchema.optional(),
  })
  .openapi('CreateCompany');

export const PatchCompanySchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    roles: z.array(RoleSchema).min(1).optional(),
    companyPrefixes: z.array(CompanyPrefixSchema).optional(),
    timeZone: TimeZoneSchema.optional(),
  })
  .openapi('PatchCompany');

export const CompanySchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    gln: z.string(),
    roles: z.array(RoleSchema),
    companyPrefixes: z.array(z.string()),
    timeZone: z.string(),
    createdAt: z.string(),
  })
  .openapi('Company');

export const IdParamSchema = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const companyJson = (c: Company): z.infer<typeof CompanySchema> => ({
  ...c,
  createdAt: c.createdAt.toISOString(),
});
