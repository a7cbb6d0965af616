import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';

export interface TlsResponse {
  status: number;
  body: string;
  serverFingerprint: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/** One HTTPS GET with an optional client certificate, on a fresh connection (no agent reuse). */
export function httpsGet(
  url: string,
  tls: { ca: string; servername: string; cert?: string; key?: string },
  headers: Record<string, string> = {},
): Promise<TlsResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', agent: false, headers, ...tls }, (res) => {
      const serverFingerprint = (res.socket as TLSSocket).getPeerCertificate?.().fingerprint256;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, serverFingerprint, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}
