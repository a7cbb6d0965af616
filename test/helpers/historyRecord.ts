import type { VerificationRecord } from '../../domain/history/record.js';

/** A verified answer from our own tables, as verify records it; override what a test is about. */
export const historyRecord = (o: Partial<VerificationRecord> = {}): VerificationRecord => ({
  verifiedAt: new Date('2026-11-20T10:00:00.000Z'),
  channel: 'api',
  requestorGln: '0321012345676',
  requestorCompanyId: null,
  producerCompanyId: null,
  gtin: '00361414567894',
  serial: 'S1',
  lot: 'L1',
  expiry: '281231',
  corrUuid: '21EC2020-3AEA-4069-A2DD-08002B30309D',
  httpStatus: 200,
  verified: true,
  failureReason: null,
  additionalInfo: [],
  responderGln: null,
  inNetwork: true,
  latencyMs: 1,
  ctrlPossessAtt: null,
  email: null,
  telephone: null,
  requestId: null,
  ...o,
});
