import type { Principal } from './auth/principal.js';

/** Per-request values every handler can read with `c.get(...)`. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal | undefined;
  };
}
