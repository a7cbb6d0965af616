import type { Principal } from '../auth/principal.js';
import { forbidden, unauthorized } from '../problem.js';
import type { Caller } from './verifyService.js';

/** Verify and checkConnectivity take consumers, producers (own products) and peers; 401 before anything else. */
export function verificationCaller(principal: Principal | undefined): Caller {
  if (!principal) throw unauthorized();
  if (principal.kind === 'operator') throw forbidden('the operator token cannot verify; use a company API key');
  return principal;
}
