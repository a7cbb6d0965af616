import type { Kysely } from 'kysely';
import { findPartnerRoute, type PartnerRoute } from '../../db/repositories/partnerRoutes.js';
import type { Database } from '../../db/schema.js';

const usable = (route: PartnerRoute | undefined, now: Date) =>
  route && (route.validTo === null || route.validTo > now) ? route : undefined;

interface Cached {
  route: PartnerRoute | undefined;
  expiresAt: number;
  /** Until when others keep using the expired route while one request re-checks it. */
  recheckingUntil: number;
}

// Long enough for the one request that re-checks an expired route to query it.
const RECHECK_GRACE_MS = 1_000;

/**
 * GTIN -> partner route, including "no partner", for a few seconds: directory pulls run in the
 * workers, so a new or ended record shows here within `ttlMs`. A cached record is still checked
 * against its end date on every use. Once a remembered route expires, one request re-checks it
 * (a local producer first, then the directory) while the others keep using it: a route busy with
 * fifty connections' traffic does not send all of them to the database at once.
 */
export class PartnerRouteCache {
  private readonly routes = new Map<string, Cached>();
  private readonly loading = new Map<string, Promise<PartnerRoute | undefined>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 100_000,
  ) {}

  async find(gtin: string, now: Date): Promise<PartnerRoute | undefined> {
    const cached = this.routes.get(gtin);
    if (cached && cached.expiresAt > Date.now()) return usable(cached.route, now);
    // When an entry expires under load, the requests arriving meanwhile share the one query.
    let loading = this.loading.get(gtin);
    if (!loading) {
      const load = findPartnerRoute(this.db, gtin, now).then((route) => {
        // A clear() meanwhile (a partner changed): this answer may predate it and is not kept.
        if (this.loading.get(gtin) !== load) return route;
        this.loading.delete(gtin);
        if (this.routes.size >= this.maxEntries) this.routes.clear();
        this.routes.set(gtin, { route, expiresAt: Date.now() + this.ttlMs, recheckingUntil: 0 });
        return route;
      });
      load.catch(() => {
        if (this.loading.get(gtin) === load) this.loading.delete(gtin);
      });
      this.loading.set(gtin, load);
      loading = load;
    }
    return usable(await loading, now);
  }

  /**
   * A partner route remembered from a recent lookup, without a query (undefined: none known). The
   * first call after it expired answers undefined, so its caller re-checks; for the next
   * `RECHECK_GRACE_MS` the others get the expired route.
   */
  remembered(gtin: string, now: Date): PartnerRoute | undefined {
    const cached = this.routes.get(gtin);
    if (!cached) return undefined;
    const at = Date.now();
    if (cached.expiresAt <= at && cached.recheckingUntil <= at) {
      cached.recheckingUntil = at + RECHECK_GRACE_MS;
      return undefined;
    }
    return usable(cached.route, now);
  }

  /** Forget everything (a partner changed, or a test rewrote the directory). */
  clear(): void {
    this.routes.clear();
    this.loading.clear();
  }
}
