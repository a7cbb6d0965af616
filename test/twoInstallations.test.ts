import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTwoInstallations, type TwoInstallations } from './helpers/twoInstallations.js';

describe('two installations on loopback (the routing test harness)', () => {
  let pair: TwoInstallations;
  beforeAll(async () => {
    pair = await createTwoInstallations('two-installations');
  });
  afterAll(() => pair.close());

  test('each calls the other over mTLS with the client certificate dedicated to it', async () => {
    for (const [self, other] of [
      [pair.a, pair.b],
      [pair.b, pair.a],
    ] as const) {
      const res = await self.ctx.deps.peers.get(
        self.partnerId,
        `${other.peerUrl}/v1/lookup-directory?since=2020-01-01T00:00:00Z`,
      );
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ records: [], nextCursor: null });
    }
  });
});
