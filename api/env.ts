import type { Principal } from './auth/principal.js';

/** Per-request values every handler can read with `c.get(...)`. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** The handler put X-Request-Id on its response itself (see middleware/requestId.ts). */
    requestIdSent: boolean | undefined;
    principal: Principal | undefined;
    /** The credential came from the web session cookie, not a bearer header: unsafe methods need a same-origin request. */
    viaSession: boolean | undefined;
  };
}
