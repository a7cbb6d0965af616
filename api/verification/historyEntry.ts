import type { ProductOwner } from '../../db/repositories/verification.js';
import type { VerificationRecord } from '../../domain/history/record.js';
import type { VerificationData } from '../../domain/verification/index.js';
import type { VerifyRequest } from './request.js';
import type { VerifyContext } from './verifyService.js';

/** The history row of one verification as answered here (a routed one overrides the partner fields). */
export function historyEntry(
  request: VerifyRequest,
  ctx: VerifyContext,
  now: Date,
  httpStatus: number,
  owner: ProductOwner | undefined,
  data: VerificationData | undefined,
): VerificationRecord {
  const company = ctx.caller.kind === 'company' ? ctx.caller.company : undefined;
  return {
    verifiedAt: now,
    channel: ctx.channel,
    requestorGln: company ? company.gln : request.reqGLN,
    requestorCompanyId: company ? company.id : null,
    producerCompanyId: owner ? owner.producerCompanyId : null,
    gtin: request.gtin,
    serial: request.serial,
    lot: request.lot,
    expiry: request.expiry,
    corrUuid: request.corrUUID,
    httpStatus,
    verified: data ? data.verified : null,
    failureReason: data?.verificationFailureReason ?? null,
    additionalInfo: data?.additionalInfo ?? [],
    responderGln: owner ? owner.producerGln : null,
    inNetwork: true,
    latencyMs: performance.now() - ctx.startedAt,
    ctrlPossessAtt: request.ctrlPossessAtt,
    email: request.email,
    telephone: request.telephone,
    requestId: ctx.requestId,
  };
}
