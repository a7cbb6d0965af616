/**
 * A connection failure (Node, OpenSSL or undici error code) in words an operator can act on
 * while onboarding a partner. The codes are those the client side sees: our checks of the
 * partner's server certificate, and the TLS alerts the partner sends when it refuses ours.
 */
export function connectionFailureInWords(
  code: string | undefined,
  message: string,
  target: { host: string; port: number },
): string {
  const where = `${target.host}:${target.port}`;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host name ${target.host} does not resolve`;
    case 'ECONNREFUSED':
      return `nothing accepts connections at ${where} (connection refused)`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'PROBE_TIMEOUT':
      return `${where} did not answer in time (a firewall, or the wrong port)`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} cannot be reached from here (no route)`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${where} closed the connection during the handshake (often: it refused our client certificate without saying why)`;
    // The partner refused our client certificate: a TLS alert from their side, or (Node-based
    // servers such as vrs send none) the connection closed right after our certificate went out.
    // Ours being in date (the caller checks), an unconfigured CA is by far the common cause.
    case 'CLIENT_CERTIFICATE_REFUSED':
    case 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA':
      return 'the partner refused our client certificate: it was issued by a CA they have not configured';
    case 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED':
      return 'the partner requires a client certificate and got none';
    case 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED':
      return 'the partner refused our client certificate as expired';
    case 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED':
      return 'the partner refused our client certificate as revoked';
    case 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE':
    case 'ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE':
    case 'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED':
      return 'the partner refused our client certificate';
    case 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE':
    case 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION':
    case 'ERR_SSL_NO_PROTOCOLS_AVAILABLE':
      return 'we and the partner share no TLS version or cipher (TLS 1.2 or later is required)';
    // Our checks of the partner's server certificate.
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'CERT_SIGNATURE_FAILURE':
      return "the partner's server certificate is not issued by the CA configured for this partner (its caPem)";
    case 'CERT_HAS_EXPIRED':
      return "the partner's server certificate has expired";
    case 'CERT_NOT_YET_VALID':
      return "the partner's server certificate is not valid yet (check both clocks)";
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the partner's server certificate does not name the host ${target.host}`;
    default:
      return code ? `${message} (${code})` : message;
  }
}

/** A warning when a certificate ends within `days` of `now` (or has ended). */
export function expiryWarning(whose: string, notAfter: Date, now: Date, days = 30): string | undefined {
  const left = notAfter.getTime() - now.getTime();
  if (left <= 0) return `${whose} expired on ${notAfter.toISOString()}`;
  if (left < days * 86_400_000)
    return `${whose} expires in ${Math.ceil(left / 86_400_000)} day(s), on ${notAfter.toISOString()}`;
  return undefined;
}
