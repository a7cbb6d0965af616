import { z, type RouteConfig } from '@hono/zod-openapi';
import { ADDITIONAL_INFO, VERIFICATION_FAILURE_REASONS } from '../../domain/verification/index.js';
import { bearerAuth as security, jsonContent, problemContent as problem } from './openapi.js';

// Documentation of the GS1 endpoints only: the handlers validate by hand so that the error order
// (405, 401, 400, 403, 404) holds and the hot path runs no schema library.

const identifier = (example: string) =>
  z
    .string()
    .min(1)
    .max(20)
    .openapi({ description: '1-20 characters of GS1 AI character set 82, percent-encoded', example });

const VerificationData = z.object({
  verified: z.boolean(),
  verificationFailureReason: z.enum(VERIFICATION_FAILURE_REASONS).optional(),
  additionalInfo: z.array(z.enum(ADDITIONAL_INFO)).optional(),
});

export const VerificationResponseSchema = z
  .object({
    verificationTimestamp: z.string().openapi({ example: '2026-03-02T19:07:31.482Z' }),
    responderGLN: z.string(),
    corrUUID: z.string(),
    data: VerificationData,
  })
  .openapi('VerificationResponse');

/** What a GTIN routed to a partner VRS can answer besides the partner's own answer. */
const partnerFailures = {
  502: problem(
    "the partner VRS this GTIN is routed to answered garbage, a 5xx or over 64 KiB, refused us, or could not be reached, or its answer's ATP presentation failed (atpErrorCodes); names the partner",
  ),
  503: problem(
    "the partner VRS's circuit is open (it kept failing), or an ATP wallet required for this verification did not answer (atpErrorCodes: wallet_unavailable); Retry-After in seconds",
  ),
  504: problem('the partner VRS did not answer within PEER_TIMEOUT_MS; names the partner'),
};

export const verifyRoute = {
  method: 'get',
  path: '/verify/gtin/{gtin}/lot/{lot}/ser/{ser}',
  tags: ['GS1 verification'],
  summary: 'GS1 Lightweight Verification request (US DSCSA saleable returns)',
  operationId: 'verify',
  security,
  request: {
    params: z.object({
      gtin: z.string().openapi({ example: '00361414567894' }),
      lot: identifier('1908642E'),
      ser: identifier('400806'),
    }),
    query: z.object({
      exp: z.string().openapi({ description: 'YYMMDD; day 00 = last day of the month', example: '281231' }),
      linkType: z.enum(['verificationService', 'gs1:verificationService']),
      context: z.literal('dscsaSaleableReturn'),
      reqGLN: z.string().openapi({ description: "the caller's company GLN", example: '0321012345676' }),
      corrUUID: z.string().uuid().openapi({ description: 'echoed exactly as sent' }),
      ctrlPossessAtt: z.enum(['true', 'false']).optional(),
      email: z.string().optional(),
      telephone: z.string().optional(),
    }),
    headers: z.object({
      'GS1US-Version': z
        .string()
        .optional()
        .openapi({ description: 'answered with 1.3.0, or the 1.x version sent when it is at most 1.3' }),
      'X-ATP-Presentation': z.string().optional().openapi({
        description:
          "the requestor's ATP presentation (a compact JWT with nonce = corrUUID); the header name is ATP_HEADER. The answer carries the responder's in the same header",
      }),
    }),
  },
  responses: {
    200: { ...jsonContent(VerificationResponseSchema, 'the answer; Cache-Control: private, no-cache') },
    400: problem('malformed parameters, each named in errors[{path, message}]'),
    401: problem('no or bad credentials'),
    403: problem(
      'not allowed: reqGLN not yours, a GTIN of another producer, too many unknown serials, or (the producer requiring ATP credentials) a missing or invalid presentation: atpErrorCodes names the OCI error codes',
    ),
    404: problem('GTIN unknown to this VRS and its Lookup Directory (or to the partner VRS it is routed to)'),
    405: problem('any method but GET or HEAD'),
    ...partnerFailures,
  },
} satisfies RouteConfig;

export const checkConnectivityRoute = {
  method: 'get',
  path: '/checkConnectivity',
  tags: ['GS1 verification'],
  summary: 'Whether this VRS answers for a GTIN',
  operationId: 'checkConnectivity',
  security,
  request: { query: z.object({ gtin: z.string(), reqGLN: z.string() }) },
  responses: {
    200: jsonContent(
      z.object({ responderGLN: z.string() }),
      'we answer for this GTIN, or the partner VRS it is routed to says it does',
    ),
    400: problem('gtin or reqGLN malformed, each named in errors[{path, message}]'),
    401: problem('no or bad credentials'),
    403: problem('not allowed: the operator token, or reqGLN not yours'),
    404: problem('we do not answer for this GTIN'),
    405: problem('any method but GET or HEAD'),
    ...partnerFailures,
  },
} satisfies RouteConfig;
