/**
 * Who a local run is towards partners, so `npm start` can issue certificates and run the peer
 * listener with no setup. `vrs.localhost` is this machine (RFC 6761) and a fully qualified name,
 * as certificates need; GS1 prefix 952 is reserved for demonstrations and examples, so the GLN
 * belongs to nobody. Production sets both variables.
 */
export const LOCAL_GLN = '9520000000004';

export function localIdentity(env: NodeJS.ProcessEnv): { PUBLIC_URL: string; VRS_GLN: string } {
  return { PUBLIC_URL: `http://vrs.localhost:${env.PORT || 8080}`, VRS_GLN: LOCAL_GLN };
}
