/**
 * Who answers a verification for a GTIN: step 1 of the decision table, ahead of
 * decideVerification. A GTIN synced here is answered here even if a peer also lists it, since
 * our own producer's data is the authority we hold; otherwise a peer from the Lookup Directory;
 * otherwise nobody, which the API answers with 404.
 */
export type Answerer = 'local' | 'peer' | 'none';

export function chooseAnswerer(productSynced: boolean, peerListed: boolean): Answerer {
  if (productSynced) return 'local';
  return peerListed ? 'peer' : 'none';
}
