import { z } from '@hono/zod-openapi';
import { gtinWithinPrefixes, outsidePrefixesMessage } from '../../domain/gs1/companyPrefix.js';
import { badRequest } from '../problem.js';
import { GtinSchema } from './gs1.js';

// Every switch optional: missing keys keep their defaults (domain.md).
const Switches = z
  .object({
    sendFailureReason: z.boolean(),
    sendExpiredStatus: z.boolean(),
    validWhenExpired: z.boolean(),
    sendRecalledStatus: z.boolean(),
    validWhenRecalled: z.boolean(),
    sendSuspectStatus: z.boolean(),
    checkExpirationDay: z.boolean(),
  })
  .partial()
  .strict();
export const RulesBody = z
  .object({
    rules: Switches.default({}),
    overrides: z
      .array(z.object({ gtin: GtinSchema, rules: Switches }))
      // One row per GTIN in the rules table: a repeated GTIN is the caller's mistake, not a 500.
      .refine((o) => new Set(o.map((x) => x.gtin)).size === o.length, 'each GTIN may appear once')
      .default([]),
  })
  .openapi('ResponseRules');

export type RulesBody = z.infer<typeof RulesBody>;

/** An override only ever applies to the producer's own GTINs: one for another's is a mistake, not a no-op. */
export function refuseForeignOverrides(body: RulesBody, companyPrefixes: readonly string[]): void {
  const foreign = body.overrides.flatMap((o, i) =>
    gtinWithinPrefixes(o.gtin, companyPrefixes)
      ? []
      : [{ path: `overrides.${i}.gtin`, message: outsidePrefixesMessage(o.gtin, companyPrefixes) }],
  );
  if (foreign.length > 0) throw badRequest(foreign);
}
