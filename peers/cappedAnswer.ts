import type { Dispatcher } from 'undici';
import type { PeerResponse } from './peerClient.js';
import { classifyPeerError, PeerRequestError, peerTimeout } from './peerErrors.js';

interface Limits {
  partnerId: string;
  maxBytes: number;
  /** The request is aborted with a `timeout` failure when the whole answer is not in by then (Infinity: never). */
  timeoutMs: number;
}

/**
 * Sends one request through the dispatcher and collects the answer's chunks into one buffer, at
 * most `maxBytes`. A handler of our own rather than undici's request(): that one wraps every
 * answer in a body stream, an async resource and abort bookkeeping, which the router paid for on
 * every routed verification. Rejects with a PeerRequestError when no usable answer came.
 */
export function dispatchCapped(
  dispatcher: Dispatcher,
  request: Dispatcher.DispatchOptions,
  limits: Limits,
): Promise<PeerResponse> {
  return new Promise((resolve, reject) => {
    dispatcher.dispatch(request, new CappedAnswer(limits, resolve, reject));
  });
}

class CappedAnswer implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private status = 0;
  private headers: PeerResponse['headers'] = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private timedOut = false;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly limits: Limits,
    private readonly resolve: (response: PeerResponse) => void,
    private readonly reject: (error: PeerRequestError) => void,
  ) {
    if (Number.isFinite(limits.timeoutMs)) this.timer = setTimeout(this.expire, limits.timeoutMs);
  }

  // A request still queued for a socket has no controller yet: it is aborted when it gets one.
  private readonly expire = () => {
    this.timedOut = true;
    this.controller?.abort(peerTimeout(this.limits.partnerId));
  };

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.timedOut) controller.abort(peerTimeout(this.limits.partnerId));
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: PeerResponse['headers'],
  ): void {
    if (statusCode < 200) return;
    this.status = statusCode;
    this.headers = headers;
    const length = headers['content-length'];
    if (typeof length === 'string' && Number(length) > this.limits.maxBytes) controller.abort(this.tooLarge());
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > this.limits.maxBytes) controller.abort(this.tooLarge());
    else this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    clearTimeout(this.timer);
    const body = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
    this.resolve({ status: this.status, headers: this.headers, body: body.toString('utf8') });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    clearTimeout(this.timer);
    const { partnerId } = this.limits;
    const failure = classifyPeerError(partnerId, error, this.timedOut);
    // A body cut short is not a connection error to retry: the request was answered.
    this.reject(
      this.status !== 0 && failure.kind === 'connect'
        ? new PeerRequestError('protocol', partnerId, failure.message, { cause: error })
        : failure,
    );
  }

  private tooLarge(): PeerRequestError {
    return new PeerRequestError(
      'too_large',
      this.limits.partnerId,
      `the partner's answer is larger than ${this.limits.maxBytes} bytes`,
    );
  }
}
