import { z } from '@hono/zod-openapi';
import { isValidGln } from '../../domain/gs1/gln.js';
import { isValidGtin14 } from '../../domain/gs1/gtin.js';

export const GlnSchema = z
  .string()
  .refine(isValidGln, 'must be a 13-digit GLN with a valid check digit')
  .openapi({ example: '0312345000011' });

export const GtinSchema = z
  .string()
  .refine(isValidGtin14, 'must be a 14-digit GTIN with a valid check digit')
  .openapi({ example: '00312345678906' });

export const CompanyPrefixSchema = z.string().regex(/^\d{6,12}$/, 'must be a GS1 company prefix of 6 to 12 digits');

export const TimeZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as America/New_York');
