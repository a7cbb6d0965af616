import { decryptAtRestText, encryptAtRest, type MasterKey } from '../domain/certificates/index.js';

/** Static request headers a partner wants beside our certificate (often an API key). */
export type ExtraHeaders = Readonly<Record<string, string>>;

/** Sealed like private keys: the values are credentials. An empty set is stored as null. */
export async function sealExtraHeaders(master: MasterKey, headers: ExtraHeaders): Promise<string | null> {
  return Object.keys(headers).length === 0 ? null : encryptAtRest(master, JSON.stringify(headers));
}

export async function openExtraHeaders(master: MasterKey, sealed: string | null): Promise<ExtraHeaders> {
  if (sealed === null) return {};
  const opened = await decryptAtRestText(master, sealed);
  if (!opened.ok) throw new Error(`cannot open the partner's extra headers: ${opened.error.message}`);
  return JSON.parse(opened.value) as ExtraHeaders;
}
