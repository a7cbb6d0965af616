import { Agent, createServer, request, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { connectionDrainer } from '../api/drainConnections.js';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A server whose handler answers through `respond`; `/hold` waits until its entry in `held` is called. */
async function drainedServer(respond: (res: ServerResponse) => void = (res) => res.end('ok')) {
  const drainer = connectionDrainer();
  const held: (() => void)[] = [];
  const server = createServer(drainer.serverOptions, (req, res) => {
    if (req.url === '/hold') held.push(() => respond(res));
    else respond(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path: string) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path, agent }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });
  return { drainer, server, agent, held, get };
}

describe('connectionDrainer', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  test('answers keep-alive until close; a response in flight then says Connection: close, and close resolves', async () => {
    const { drainer, server, agent, held, get } = await drainedServer();
    cleanup = () => agent.destroy();
    const before = await get('/');
    expect(before.headers.connection).toBe('keep-alive');

    const inFlight = get('/hold');
    while (held.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const closed = drainer.close(server, Date.now() + 10_000);
    held[0]!();
    const answer = await inFlight;
    expect(answer).toMatchObject({ status: 200, body: 'ok' });
    expect(answer.headers.connection).toBe('close');
    await closed; // the one connection closed after its answer: nothing left for the force timer
  });

  test('an idle keep-alive connection is closed by the sweep, not left to the deadline', async () => {
    const { drainer, server, agent, get } = await drainedServer();
    cleanup = () => agent.destroy();
    await get('/');
    const deadline = Date.now() + 60_000;
    await drainer.close(server, deadline);
    expect(Date.now()).toBeLessThan(deadline);
  });

  test.each([
    ['status and headers', (res: ServerResponse) => res.writeHead(201, { 'X-Kind': 'a' }).end()],
    ['status, message and headers', (res: ServerResponse) => res.writeHead(201, 'Made', { 'X-Kind': 'a' }).end()],
    ['status, no message, headers', (res: ServerResponse) => res.writeHead(201, undefined, { 'X-Kind': 'a' }).end()],
    ['headers as a raw list', (res: ServerResponse) => res.writeHead(201, ['X-Kind', 'a']).end()],
  ])('writeHead with %s keeps every argument, before and while draining', async (_, respond) => {
    const { drainer, server, agent, held, get } = await drainedServer(respond);
    cleanup = () => agent.destroy();
    expect(await get('/')).toMatchObject({ status: 201, headers: { 'x-kind': 'a', connection: 'keep-alive' } });
    const inFlight = get('/hold');
    while (held.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const closed = drainer.close(server, Date.now() + 10_000);
    held[0]!();
    expect(await inFlight).toMatchObject({ status: 201, headers: { 'x-kind': 'a', connection: 'close' } });
    await closed;
  });
});
