import { randomUUID } from 'node:crypto';
import { findActiveCertificate } from '../../db/repositories/certificates.js';
import type { Partner } from '../../db/repositories/partners.js';
import { decryptAtRestText } from '../../domain/certificates/index.js';
import { x509 } from '../../domain/certificates/x509.js';
import { connectionFailureInWords, expiryWarning } from '../../domain/onboarding/failureWords.js';
import {
  CLIENT_CERTIFICATE_REFUSED,
  probeDns,
  probeTcp,
  probeTls,
  type ProbeOutcome,
} from '../../peers/connectionProbe.js';
import { PeerRequestError } from '../../peers/peerErrors.js';
import type { ApiDeps } from '../deps.js';
import { routedConnectivityUrl, routedVerifyUrl } from '../routing/routedRequest.js';
import type { VerifyRequest } from '../verification/request.js';

export type StepName = 'dns' | 'tcp' | 'tls' | 'checkConnectivity' | 'verify';

export interface StepReport {
  step: StepName;
  /** null: not run (an earlier step failed, or the partner is reached through a proxy). */
  ok: boolean | null;
  ms: number;
  /** What was found, or why it failed, in plain words. */
  detail: string;
  warnings: string[];
}

export interface SamplePack {
  gtin?: string;
  serial?: string;
  lot?: string;
  exp?: string;
}

type Deps = Pick<ApiDeps, 'db' | 'installation' | 'peers' | 'peerOptions' | 'config' | 'clock'>;

const skipped = (step: StepName, detail: string): StepReport => ({ step, ok: null, ms: 0, detail, warnings: [] });
const SAMPLE_GTIN = '00000000000000';

/**
 * Onboarding check of a partner: DNS, TCP, the TLS handshake with the client certificate
 * dedicated to it (both certificates' expiry), its connectivity check and one sample
 * verification, each timed, each failure in words. Stops at the first failing step.
 */
export async function testPartner(deps: Deps, partner: Partner, sample: SamplePack): Promise<StepReport[]> {
  const url = new URL(partner.baseUrl);
  const target = { host: url.hostname, port: Number(url.port || 443) };
  const words = (o: { code: string | undefined; message: string }) =>
    connectionFailureInWords(o.code, o.message, target);
  const reports: StepReport[] = [];
  const rest = (from: StepName[], why: string) => reports.push(...from.map((s) => skipped(s, why)));

  if (partner.proxyUrl !== null && partner.proxyUrl !== 'direct') {
    rest(
      ['dns', 'tcp', 'tls'],
      `not run: the partner is reached through the proxy ${partner.proxyUrl}; the calls below go through it`,
    );
  } else {
    const dns = await probeDns(target.host, deps.peerOptions.lookup);
    reports.push(
      dns.ok
        ? { step: 'dns', ok: true, ms: dns.ms, detail: `${target.host} is ${dns.value.address}`, warnings: [] }
        : { step: 'dns', ok: false, ms: dns.ms, detail: words(dns), warnings: [] },
    );
    if (!dns.ok)
      return [
        ...reports,
        ...['tcp', 'tls', 'checkConnectivity', 'verify'].map((s) =>
          skipped(s as StepName, 'not run: an earlier step failed'),
        ),
      ];

    const tcp = await probeTcp(dns.value.address, target.port);
    reports.push({
      step: 'tcp',
      ok: tcp.ok,
      ms: tcp.ms,
      detail: tcp.ok ? `connected to ${dns.value.address}:${target.port}` : words(tcp),
      warnings: [],
    });
    if (!tcp.ok)
      return [
        ...reports,
        ...['tls', 'checkConnectivity', 'verify'].map((s) => skipped(s as StepName, 'not run: an earlier step failed')),
      ];

    const tls = await tlsStep(deps, partner, { ...target, address: dns.value.address }, words);
    reports.push(tls);
    if (!tls.ok)
      return [
        ...reports,
        skipped('checkConnectivity', 'not run: an earlier step failed'),
        skipped('verify', 'not run: an earlier step failed'),
      ];
  }

  const gtin = sample.gtin ?? (await sampleGtin(deps, partner)) ?? SAMPLE_GTIN;
  const reqGLN = deps.config.VRS_GLN;
  if (!reqGLN) {
    rest(['checkConnectivity', 'verify'], 'not run: VRS_GLN (our GLN, sent as reqGLN) is not set');
    return reports;
  }
  const base = partner.baseUrl.replace(/\/+$/, '');
  const connectivity = await httpStep(
    deps,
    partner,
    'checkConnectivity',
    routedConnectivityUrl(`${base}/checkConnectivity`, gtin, reqGLN),
    (status, body) =>
      status === 200
        ? `reachable; it answers for GTIN ${gtin} as responder ${readField(body, 'responderGLN') ?? '(not named)'}`
        : status === 404
          ? `reachable; it does not answer for GTIN ${gtin} (404)`
          : undefined,
  );
  reports.push(connectivity);
  // Only the fields the URL carries matter; expiryDate is ours, never sent.
  const request: VerifyRequest = {
    gtin,
    serial: sample.serial ?? 'VRS-ONBOARDING-TEST',
    lot: sample.lot ?? 'TEST',
    expiry: sample.exp ?? '991231',
    expiryDate: '',
    reqGLN,
    corrUUID: randomUUID(),
    ctrlPossessAtt: null,
    email: null,
    telephone: null,
  };
  reports.push(
    await httpStep(deps, partner, 'verify', routedVerifyUrl(base, request), (status, body) =>
      status === 200 && readField(body, 'verificationTimestamp')
        ? `answered a verification of GTIN ${gtin} (verified: ${String((JSON.parse(body) as { data?: { verified?: unknown } }).data?.verified)})`
        : status === 404
          ? `answered 404: it does not know GTIN ${gtin} (send a GTIN it serves to see a full answer); the exchange works`
          : undefined,
    ),
  );
  return reports;
}

async function tlsStep(
  deps: Deps,
  partner: Partner,
  target: { address: string; host: string; port: number },
  words: (o: { code: string | undefined; message: string }) => string,
): Promise<StepReport> {
  const certificate = await findActiveCertificate(deps.db, 'client', partner.id);
  if (!certificate?.certificatePem || !certificate.encryptedKey) {
    return {
      step: 'tls',
      ok: false,
      ms: 0,
      detail:
        'we have no active client certificate for this partner: issue or upload one (POST /v1/admin/partners/{id}/certificates)',
      warnings: [],
    };
  }
  const key = await decryptAtRestText(deps.installation.master, certificate.encryptedKey);
  if (!key.ok)
    return {
      step: 'tls',
      ok: false,
      ms: 0,
      detail: `our client key for this partner cannot be opened: ${key.error.message}`,
      warnings: [],
    };
  const now = deps.clock();
  const ours = new x509.X509Certificate(certificate.certificatePem).notAfter;
  const outcome: ProbeOutcome<{ serverCertificateNotAfter: Date; protocol: string | null }> = await probeTls(target, {
    cert: certificate.certificatePem,
    key: key.value,
    ca: partner.caPem,
  });
  const warnings = [expiryWarning('our client certificate for this partner', ours, now)].filter(
    (w): w is string => w !== undefined,
  );
  if (!outcome.ok) {
    const expired = outcome.code === CLIENT_CERTIFICATE_REFUSED && ours <= now;
    return {
      step: 'tls',
      ok: false,
      ms: outcome.ms,
      detail: expired
        ? `the partner refused our client certificate: it expired on ${ours.toISOString()}`
        : words(outcome),
      warnings,
    };
  }
  const theirs = outcome.value.serverCertificateNotAfter;
  const theirWarning = expiryWarning("the partner's server certificate", theirs, now);
  return {
    step: 'tls',
    ok: true,
    ms: outcome.ms,
    detail: `${outcome.value.protocol ?? 'TLS'} with our client certificate (valid until ${ours.toISOString()}); their server certificate is valid until ${theirs.toISOString()}`,
    warnings: theirWarning ? [...warnings, theirWarning] : warnings,
  };
}

/** One GET through the partner's real transport (proxy, extra headers, pool); `judge` says what a good answer means. */
async function httpStep(
  deps: Deps,
  partner: Partner,
  step: StepName,
  url: string,
  judge: (status: number, body: string) => string | undefined,
): Promise<StepReport> {
  const started = performance.now();
  const ms = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const answer = await deps.peers.get(partner.id, url, { timeoutMs: deps.config.PEER_TIMEOUT_MS });
    const good = judge(answer.status, answer.body);
    if (good) return { step, ok: true, ms: ms(), detail: good, warnings: [] };
    const reason =
      answer.status === 403
        ? 'refused us (403): our certificate is accepted at the TLS layer but not registered for us as their partner'
        : `answered ${answer.status}`;
    return { step, ok: false, ms: ms(), detail: `the partner ${reason}: ${answer.body.slice(0, 200)}`, warnings: [] };
  } catch (error) {
    const cause = error instanceof PeerRequestError ? (error.cause as { code?: string } | undefined) : undefined;
    const url0 = new URL(url);
    const detail =
      error instanceof PeerRequestError && error.kind === 'timeout'
        ? `no answer within PEER_TIMEOUT_MS (${deps.config.PEER_TIMEOUT_MS} ms)`
        : connectionFailureInWords(cause?.code, (error as Error).message, {
            host: url0.hostname,
            port: Number(url0.port || 443),
          });
    return { step, ok: false, ms: ms(), detail, warnings: [] };
  }
}

async function sampleGtin(deps: Deps, partner: Partner): Promise<string | undefined> {
  const row = await deps.db
    .selectFrom('directory_entries')
    .select('gtin')
    .where('source', '=', partner.id)
    .where('valid_to', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row?.gtin;
}

const readField = (body: string, field: string): string | undefined => {
  try {
    const value = (JSON.parse(body) as Record<string, unknown>)[field];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
};
