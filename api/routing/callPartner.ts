import type { Result } from '../../domain/result.js';
import type { PeerResponse } from '../../peers/peerClient.js';
import { PeerRequestError } from '../../peers/peerErrors.js';
import { refusedAtpCodes } from '../atp/atpProblems.js';
import type { ApiDeps } from '../deps.js';
import { badGateway, gatewayTimeout, notFound, type PartnerRef, type Problem, serviceUnavailable } from '../problem.js';

export type CallPartnerDeps = Pick<ApiDeps, 'peers' | 'circuits' | 'config' | 'metrics'>;

/** What happened, for history: the peer's HTTP status (null when none came) and how long it took. */
export interface PartnerExchange {
  peerStatus: number | null;
  peerLatencyMs: number | null;
}

export type PartnerOutcome<T> = ({ ok: true; value: T } | { ok: false; problem: Problem }) & PartnerExchange;

/**
 * One GET to a partner VRS within PEER_TIMEOUT_MS, through the partner's circuit breaker, retried
 * once on a connection error only (never after a response or a timeout). A 200 is read by `read`;
 * a 404 passes through as ours; anything else becomes a 502, 503 or 504 naming the partner.
 * Timeouts, connection failures, 5xx and unreadable answers count against the circuit.
 */
export async function callPartner<T>(
  deps: CallPartnerDeps,
  partner: PartnerRef,
  url: string,
  headers: Record<string, string>,
  read: (body: string, headers: PeerResponse['headers']) => Result<T, string>,
): Promise<PartnerOutcome<T>> {
  const admission = deps.circuits.admit(partner.id);
  const counted = (outcome: string) => deps.metrics.routedCalls.inc({ partner: partner.name, outcome });
  if (!admission.admitted) {
    counted('circuit_open');
    return {
      ok: false,
      problem: serviceUnavailable(
        `partner VRS ${partner.name} is failing; calls to it are paused`,
        admission.retryAfterSec,
        partner,
      ),
      peerStatus: null,
      peerLatencyMs: null,
    };
  }
  const budgetMs = deps.config.PEER_TIMEOUT_MS;
  const startedAt = performance.now();
  const elapsed = () => performance.now() - startedAt;
  let response: PeerResponse;
  try {
    response = await getWithOneRetry(deps, partner.id, url, headers, budgetMs);
  } catch (error) {
    if (!(error instanceof PeerRequestError)) throw error;
    const problem =
      error.kind === 'timeout'
        ? gatewayTimeout(`partner VRS ${partner.name} did not answer within ${budgetMs} ms`, partner)
        : error.kind === 'too_large'
          ? badGateway(`partner VRS ${partner.name} answered with more than 64 KiB`, partner)
          : badGateway(`partner VRS ${partner.name} could not be reached: ${error.message}`, partner);
    // Our own missing certificate says nothing about the partner's health.
    if (error.kind === 'unconfigured') deps.circuits.succeeded(partner.id);
    else deps.circuits.failed(partner.id);
    counted(
      error.kind === 'timeout'
        ? 'timeout'
        : error.kind === 'too_large'
          ? 'bad_answer'
          : error.kind === 'unconfigured'
            ? 'no_certificate'
            : 'unreachable',
    );
    return { ok: false, problem, peerStatus: null, peerLatencyMs: elapsed() };
  }
  const exchange = { peerStatus: response.status, peerLatencyMs: elapsed() };
  if (response.status >= 500) {
    deps.circuits.failed(partner.id);
    counted('server_error');
    return {
      ok: false,
      problem: badGateway(`partner VRS ${partner.name} answered ${response.status}`, partner, {
        peerStatus: response.status,
      }),
      ...exchange,
    };
  }
  if (response.status !== 200) {
    deps.circuits.succeeded(partner.id);
    counted(response.status === 404 ? 'not_found' : 'refused');
    // A partner refusing our requestor's ATP presentation names the codes: passed on, they say what to fix.
    const atpErrorCodes = response.status === 403 ? refusedAtpCodes(response.body) : undefined;
    const problem =
      response.status === 404
        ? notFound(`GTIN unknown to partner VRS ${partner.name}`)
        : badGateway(
            `partner VRS ${partner.name} refused the routed request with ${response.status}${atpErrorCodes ? `: ATP ${atpErrorCodes.join(', ')}` : ''}`,
            partner,
            { peerStatus: response.status, ...(atpErrorCodes && { atpErrorCodes }) },
          );
    return { ok: false, problem, ...exchange };
  }
  const value = read(response.body, response.headers);
  if (!value.ok) {
    deps.circuits.failed(partner.id);
    counted('bad_answer');
    return {
      ok: false,
      problem: badGateway(`partner VRS ${partner.name} answered with an invalid body: ${value.error}`, partner),
      ...exchange,
    };
  }
  deps.circuits.succeeded(partner.id);
  counted('ok');
  return { ok: true, value: value.value, ...exchange };
}

async function getWithOneRetry(
  deps: CallPartnerDeps,
  partnerId: string,
  url: string,
  headers: Record<string, string>,
  budgetMs: number,
): Promise<PeerResponse> {
  const startedAt = performance.now();
  try {
    return await deps.peers.get(partnerId, url, { timeoutMs: budgetMs, headers });
  } catch (error) {
    const leftMs = budgetMs - (performance.now() - startedAt);
    if (!(error instanceof PeerRequestError) || error.kind !== 'connect' || leftMs <= 0) throw error;
    return deps.peers.get(partnerId, url, { timeoutMs: leftMs, headers });
  }
}
