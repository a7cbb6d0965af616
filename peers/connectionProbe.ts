import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';

/** What each step of a connection probe found, or why it failed (the error's code kept for words). */
export type ProbeOutcome<T> =
  { ok: true; ms: number; value: T } | { ok: false; ms: number; code: string | undefined; message: string };

const PROBE_TIMEOUT_MS = 5_000;

/** The code a refused client certificate gets when the partner closed without an alert. */
export const CLIENT_CERTIFICATE_REFUSED = 'CLIENT_CERTIFICATE_REFUSED';

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

async function timed<T>(run: () => Promise<T>): Promise<ProbeOutcome<T>> {
  const started = performance.now();
  const ms = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const value = await run();
    return { ok: true, ms: ms(), value };
  } catch (error) {
    return {
      ok: false,
      ms: ms(),
      code: codeOf(error),
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

const timeoutError = () => Object.assign(new Error('no answer in time'), { code: 'PROBE_TIMEOUT' });

/** The host's first address, as outbound connections would resolve it. */
export function probeDns(
  host: string,
  lookup: LookupFunction = dnsLookup,
): Promise<ProbeOutcome<{ address: string; family: number }>> {
  return timed(
    () =>
      new Promise((resolve, reject) => {
        lookup(host, {}, (error, address, family) =>
          error ? reject(error) : resolve({ address: String(address), family: family ?? 4 }),
        );
      }),
  );
}

/** A bare TCP connection to the address, closed at once. */
export function probeTcp(address: string, port: number): Promise<ProbeOutcome<null>> {
  return timed(
    () =>
      new Promise((resolve, reject) => {
        const socket = tcpConnect({ host: address, port, timeout: PROBE_TIMEOUT_MS });
        socket.once('connect', () => {
          socket.destroy();
          resolve(null);
        });
        socket.once('timeout', () => socket.destroy(timeoutError()));
        socket.once('error', reject);
      }),
  );
}

export interface TlsFacts {
  serverCertificateNotAfter: Date;
  serverSubject: string;
  protocol: string | null;
}

/**
 * A TLS handshake presenting our client certificate and trusting only the partner's CA, then one
 * small HTTP request on the same connection: under TLS 1.3 a server that refuses the client
 * certificate says so only after the client's side of the handshake has finished, so the
 * handshake alone would look fine.
 */
export function probeTls(
  target: { address: string; host: string; port: number },
  tls: { cert: string; key: string; ca: string },
): Promise<ProbeOutcome<TlsFacts>> {
  return timed(
    () =>
      new Promise((resolve, reject) => {
        let facts: TlsFacts | undefined;
        const socket = tlsConnect({
          host: target.address,
          port: target.port,
          servername: target.host,
          ...tls,
          minVersion: 'TLSv1.2',
          timeout: PROBE_TIMEOUT_MS,
        });
        socket.setEncoding('utf8');
        socket.once('secureConnect', () => {
          const peer: PeerCertificate = socket.getPeerCertificate();
          facts = {
            serverCertificateNotAfter: new Date(peer.valid_to),
            serverSubject: String(peer.subject?.CN ?? ''),
            protocol: socket.getProtocol(),
          };
          socket.write(`HEAD /checkConnectivity HTTP/1.1\r\nHost: ${target.host}\r\nConnection: close\r\n\r\n`);
        });
        // Any answer, even a 4xx, means the partner accepted the certificate at the TLS layer.
        socket.once('data', () => {
          socket.destroy();
          if (facts) resolve(facts);
        });
        socket.once('timeout', () => socket.destroy(timeoutError()));
        socket.once('error', reject);
        // Node-based servers (vrs among them) check a client certificate after the handshake and
        // just close the connection, with no TLS alert: closed after our side of the handshake
        // finished means the partner refused the certificate we presented.
        socket.once('close', () =>
          reject(
            facts
              ? Object.assign(new Error('the partner closed the connection after receiving our client certificate'), {
                  code: CLIENT_CERTIFICATE_REFUSED,
                })
              : Object.assign(new Error('the connection closed during the TLS handshake'), { code: 'ECONNRESET' }),
          ),
        );
      }),
  );
}
