import type { Server, ServerResponse } from 'node:http';

/**
 * Graceful close of an HTTP server under steady keep-alive load: from `begin()` on, every
 * response says `Connection: close` and connections are closed as soon as they are idle, so busy
 * clients move off within one request each; whatever is still open at `forceAt` is cut.
 * Resolves once the server has closed.
 */
export function connectionDrainer(server: Server) {
  let closing = false;
  // Responses still being written: those in flight when closing begins say `Connection: close`
  // too, so their clients leave after this answer instead of on the idle sweep.
  const inFlight = new Set<ServerResponse>();
  // Before the app's own listener, so the header is set before the app writes its head.
  server.prependListener('request', (_req, res) => {
    if (closing) res.setHeader('Connection', 'close');
    else {
      inFlight.add(res);
      res.once('close', () => inFlight.delete(res));
    }
  });
  return {
    async close(forceAt: number): Promise<void> {
      closing = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Requests that arrived before `closing` answer without the header and leave an idle keep-alive socket.
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
