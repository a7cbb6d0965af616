import {
  ServerResponse,
  type IncomingMessage,
  type OutgoingHttpHeader,
  type OutgoingHttpHeaders,
  type Server,
} from 'node:http';

type HeadFields = OutgoingHttpHeaders | OutgoingHttpHeader[];

/**
 * Graceful close of an HTTP server under steady keep-alive load: from `close()` on, every
 * response whose head is not written yet says `Connection: close` (those in flight included), and
 * connections are closed as soon as they are idle, so busy clients move off within one request
 * each; whatever is still open at `forceAt` is cut. The server must be created with
 * `serverOptions`, whose response class adds the header.
 */
export function connectionDrainer() {
  let closing = false;
  // The header goes in as the head is written, not through a Set of the responses in flight: once
  // a long-lived Set has been through a full collection, V8 keeps every object passing through it
  // past the young generation, and the API's old generation then filled with dead responses.
  class DrainingResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
    override writeHead(statusCode: number, statusMessage?: string, headers?: HeadFields): this;
    override writeHead(statusCode: number, headers?: HeadFields): this;
    override writeHead(statusCode: number, messageOrHeaders?: string | HeadFields, headers?: HeadFields): this {
      if (closing) this.setHeader('Connection', 'close');
      return typeof messageOrHeaders === 'string'
        ? super.writeHead(statusCode, messageOrHeaders, headers)
        : super.writeHead(statusCode, messageOrHeaders ?? headers);
    }
  }
  return {
    serverOptions: { ServerResponse: DrainingResponse },
    async close(server: Server, forceAt: number): Promise<void> {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Requests whose head was already written leave an idle keep-alive socket: swept here.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const force = setTimeout(() => server.closeAllConnections(), Math.max(0, forceAt - Date.now()));
      server.closeIdleConnections();
      try {
        await closed;
      } finally {
        clearInterval(sweep);
        clearTimeout(force);
      }
    },
  };
}
