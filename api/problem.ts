/** RFC 9457 problem details; thrown anywhere in a handler and rendered by one onError. */
export interface FieldError {
  path: string;
  message: string;
  [extra: string]: unknown;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; [key: string]: unknown } = {},
    /** Response headers beside the body (Retry-After, say). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail ?? title);
  }

  /** `status` and `title` come last so that no extra member can stand in for the HTTP status (RFC 9457). */
  toJSON(instance?: string) {
    return {
      type: 'about:blank',
      detail: this.detail,
      instance,
      ...this.extra,
      title: this.title,
      status: this.status,
    };
  }
}

export const badRequest = (errors: FieldError[], detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ')) =>
  new Problem(400, 'Bad Request', detail, { errors });
/** RFC 9110 wants a challenge with every 401: a bearer token is what every route takes. */
export const unauthorized = (detail = 'missing or invalid credentials') =>
  new Problem(401, 'Unauthorized', detail, {}, { 'WWW-Authenticate': 'Bearer' });
export const forbidden = (detail: string) => new Problem(403, 'Forbidden', detail);
export const notFound = (detail: string) => new Problem(404, 'Not Found', detail);
export const conflict = (detail: string, extra: Record<string, unknown> = {}) =>
  new Problem(409, 'Conflict', detail, extra);

/** Problems of a routed call name the partner, so a consumer's support desk knows whom to call. */
export interface PartnerRef {
  id: string;
  name: string;
}
export const badGateway = (detail: string, partner: PartnerRef, extra: Record<string, unknown> = {}) =>
  new Problem(502, 'Bad Gateway', detail, { partner, ...extra });
export const gatewayTimeout = (detail: string, partner: PartnerRef) =>
  new Problem(504, 'Gateway Timeout', detail, { partner });
export const serviceUnavailable = (detail: string, retryAfterSec: number, partner?: PartnerRef) =>
  new Problem(503, 'Service Unavailable', detail, partner ? { partner } : {}, { 'Retry-After': String(retryAfterSec) });
