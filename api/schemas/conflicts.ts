import { z } from '@hono/zod-openapi';

export const CompanyRefSchema = z
  .object({ id: z.string().uuid(), name: z.string(), gln: z.string() })
  .openapi('CompanyRef');

const PrefixConflictSchema = z
  .object({
    kind: z.literal('prefix'),
    claims: z
      .array(
        z.object({
          prefix: z.string(),
          company: CompanyRefSchema,
          registered: z.boolean().openapi({
            description:
              'the prefix registry holds it for this company; an unregistered claim predates the registry (migration 0014)',
          }),
        }),
      )
      .length(2),
  })
  .openapi('PrefixConflict', {
    description: 'two companies list company prefixes that share GTINs (equal, or one starts with the other)',
  });

const GtinConflictSchema = z
  .object({
    kind: z.literal('gtin'),
    gtin: z.string(),
    publishedBy: CompanyRefSchema.nullable().openapi({
      description: 'whose product the network publishes; a sync of any other claimant reports a conflict',
    }),
    claimedBy: z.array(CompanyRefSchema),
  })
  .openapi('GtinConflict', { description: 'a GTIN in the source store of more than one company' });

export const ConflictSchema = z
  .discriminatedUnion('kind', [PrefixConflictSchema, GtinConflictSchema])
  .openapi('Conflict');

export const ConflictPageSchema = z
  .object({ items: z.array(ConflictSchema), nextCursor: z.string().nullable() })
  .openapi('ConflictPage');

export type Conflict = z.infer<typeof ConflictSchema>;
