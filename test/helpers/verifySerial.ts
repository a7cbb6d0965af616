import type { ApiTestContext } from './api.js';

export interface PackQuery {
  gtin: string;
  lot: string;
  serial: string;
  exp: string;
}

/** The GS1 verify answer's `data` for one pack, through the real HTTP app. */
export async function verifyPack(
  ctx: ApiTestContext,
  token: string,
  reqGLN: string,
  pack: PackQuery,
): Promise<Record<string, unknown>> {
  const path = `/verify/gtin/${pack.gtin}/lot/${encodeURIComponent(pack.lot)}/ser/${encodeURIComponent(pack.serial)}?exp=${pack.exp}&linkType=verificationService&context=dscsaSaleableReturn&reqGLN=${reqGLN}&corrUUID=45985A98-C810-4D7E-A832-1B7020BE9E01`;
  const res = await ctx.call('GET', path, { token, headers: { accept: 'application/json' } });
  if (res.status !== 200) throw new Error(`verify answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { data: Record<string, unknown> }).data;
}

/** Polls verify until `accept` holds; returns the answer and how long it took to appear. */
export async function waitForAnswer(
  ctx: ApiTestContext,
  token: string,
  reqGLN: string,
  pack: PackQuery,
  accept: (data: Record<string, unknown>) => boolean,
  timeoutMs = 15_000,
): Promise<{ data: Record<string, unknown>; ms: number }> {
  const started = Date.now();
  for (;;) {
    const data = await verifyPack(ctx, token, reqGLN, pack);
    if (accept(data)) return { data, ms: Date.now() - started };
    if (Date.now() - started > timeoutMs)
      throw new Error(`verify still answers ${JSON.stringify(data)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
