import { findSerialState } from '../../db/repositories/verification.js';
import type { VerificationChannel } from '../../domain/history/record.js';
import { decideVerification, type VerificationData } from '../../domain/verification/index.js';
import type { Principal } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { forbidden, notFound } from '../problem.js';
import type { VerifyRequest } from './request.js';

export type VerifyDeps = Pick<ApiDeps, 'db' | 'productOwners' | 'responseRules' | 'bruteForce' | 'history' | 'log' | 'clock'>;

/** The GS1 Lightweight Verification response body. */
export interface VerificationResponse {
  verificationTimestamp: string;
  responderGLN: string;
  corrUUID: string;
  data: VerificationData;
}

export type Caller = Exclude<Principal, { kind: 'operator' }>;

export interface VerifyContext {
  caller: Caller;
  channel: VerificationChannel;
  requestId: string | null;
  /** performance.now() when the request arrived, for the recorded latency. */
  startedAt: number;
}

const callerKey = (caller: Caller) => (caller.kind === 'peer' ? `peer:${caller.partnerId}` : `${caller.company.id}:${caller.keyId}`);

/**
 * Answers one verification from the network read tables (one indexed query), applying the
 * producer's response rules, and records it. Throws a Problem for 403 and 404.
 */
export async function verifyPack(deps: VerifyDeps, request: VerifyRequest, ctx: VerifyContext): Promise<VerificationResponse> {
  const { caller } = ctx;
  const company = caller.kind === 'company' ? caller.company : undefined;
  if (company && request.reqGLN !== company.gln) throw forbidden(`reqGLN must be your company's GLN ${company.gln}`);
  const key = callerKey(caller);
  if (deps.bruteForce.isBlocked(key)) throw forbidden('too many verifications of unknown serials; try again later');

  const now = deps.clock();
  const owner = await deps.productOwners.ownerOf(request.gtin);
  if (company && !company.roles.includes('consumer') && owner?.producerCompanyId !== company.id) {
    throw forbidden('producers may verify only their own products');
  }
  const record = (httpStatus: number, answer?: { data: VerificationData; responderGln: string; producerCompanyId: string }) =>
    deps.history.record({
      verifiedAt: now,
      channel: ctx.channel,
      requestorGln: caller.kind === 'peer' ? request.reqGLN : company!.gln,
      requestorCompanyId: company?.id ?? null,
      producerCompanyId: answer?.producerCompanyId ?? null,
      gtin: request.gtin,
      serial: request.serial,
      lot: request.lot,
      expiry: request.exp,
      corrUuid: request.corrUUID,
      httpStatus,
      verified: answer ? answer.data.verified : null,
      failureReason: answer?.data.verificationFailureReason ?? null,
      additionalInfo: answer?.data.additionalInfo ?? [],
      responderGln: answer?.responderGln ?? null,
      inNetwork: true,
      latencyMs: performance.now() - ctx.startedAt,
      ctrlPossessAtt: request.ctrlPossessAtt,
      email: request.email,
      telephone: request.telephone,
      requestId: ctx.requestId,
    });

  if (!owner) {
    // Seam for routing: a GTIN a partner VRS answers for is forwarded here (Lookup Directory).
    record(404);
    throw notFound(`GTIN ${request.gtin} is not known to this VRS`);
  }
  const [serial, rules] = await Promise.all([findSerialState(deps.db, request.gtin, request.serial), deps.responseRules.rulesFor(owner.producerCompanyId, request.gtin)]);
  const data = decideVerification({
    serial,
    request: { lot: request.lot, expiry: request.exp, expiryDate: request.expiryDate },
    now,
    timeZone: owner.timeZone,
    rules,
  });
  if (!serial && deps.bruteForce.recordMiss(key)) {
    deps.log.warn({ caller: key, gtin: request.gtin }, 'brute-force guard: caller blocked after too many unknown serials');
  }
  record(200, { data, responderGln: owner.producerGln, producerCompanyId: owner.producerCompanyId });
  return { verificationTimestamp: now.toISOString(), responderGLN: owner.producerGln, corrUUID: request.corrUUID, data };
}
