import type { LookupFunction } from 'node:net';

/** Resolves every host name to 127.0.0.1, so tests can give each installation a host of its own. */
export const loopbackLookup: LookupFunction = (_hostname, options, callback) => {
  if (options.all)
    (callback as unknown as (e: null, addresses: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ]);
  else callback(null, '127.0.0.1', 4);
};
