import type { NearMissKind } from '../verification/nearMiss.js';

/** One verification we answered or routed out, as domain.md lists its fields. */
export type VerificationChannel = 'api' | 'web' | 'device' | 'peer';

export interface VerificationRecord {
  verifiedAt: Date;
  channel: VerificationChannel;
  requestorGln: string | null;
  /** Our tenant that asked; null for peers. */
  requestorCompanyId: string | null;
  /** Our producer whose product was asked about; null when a peer answered. */
  producerCompanyId: string | null;
  gtin: string;
  serial: string;
  lot: string;
  /** YYMMDD as requested. */
  expiry: string;
  corrUuid: string;
  httpStatus: number;
  /** null when no verification answer was given (404, peer failure). */
  verified: boolean | null;
  failureReason: string | null;
  additionalInfo: readonly string[];
  responderGln: string | null;
  /** true when answered from our own network tables, false when a peer answered. */
  inNetwork: boolean;
  latencyMs: number;
  ctrlPossessAtt: boolean | null;
  email: string | null;
  telephone: string | null;
  requestId: string | null;
  /** Routed exchanges only (inNetwork false): the partner VRS asked, its HTTP status (null when none came) and its share of the latency. */
  partnerId?: string | null;
  peerStatus?: number | null;
  peerLatencyMs?: number | null;
  /** A peer's verificationFailureReason outside the standard list (answered as No_reason_provided). */
  peerFailureReason?: string | null;
  /** Set after the answer, off the request path, when a near match explains a "not verified" or an unknown GTIN. */
  nearMiss?: NearMissKind | null;
  /** ATP credentials: null when no check applied; 'failed' with the error codes of every step that did not pass. */
  atp?: 'ok' | 'failed' | null;
  atpErrorCodes?: readonly string[] | null;
}

/** Records are handed over without waiting; the recorder batches them off the request path. */
export interface HistoryRecorder {
  record(entry: VerificationRecord): void;
}

/** One exported verification, named as data-formats.md "History export" names the columns. */
export interface HistoryExportRecord {
  verifiedAt: Date;
  channel: VerificationChannel;
  requestorGLN: string | null;
  /** Our tenant's name; null for peers. */
  requestorCompany: string | null;
  gtin: string;
  serial: string;
  lot: string;
  expiry: string;
  corrUUID: string;
  verified: boolean | null;
  failureReason: string | null;
  additionalInfo: string[];
  responderGLN: string | null;
  inNetwork: boolean;
  latencyMs: number;
  /** Routed verifications: the partner VRS, its HTTP status, its latency, a non-standard failure reason it sent. */
  partnerId: string | null;
  peerStatus: number | null;
  peerLatencyMs: number | null;
  peerFailureReason: string | null;
  /** The kind of near miss found for this request (producers' history only; consumers see null). */
  nearMiss: NearMissKind | null;
  atp: 'ok' | 'failed' | null;
  atpErrorCodes: string[] | null;
}
