import type { Kysely } from 'kysely';
import { findPartnerRoute, type PartnerRoute } from '../../db/repositories/partnerRoutes.js';
import type { Database } from '../../db/schema.js';

const usable = (route: PartnerRoute | undefined, now: Date) =>
  route && (route.validTo === null || route.validTo > now) ? route : undefined;

interface Cached {
  route: PartnerRoute | undefined;
  expiresAt: number;
}

/**
 * GTIN -> partner route, including "no partner", for a few seconds: directory pulls run in the
 * workers, so a new or ended record shows here within `ttlMs`. A cached record is still checked
 * against its end date on every use.
 */
export class PartnerRouteCache {
  private readonly routes = new Map<string, Cached>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 100_000,
  ) {}

  async find(gtin: string, now: Date): Promise<PartnerRoute | undefined> {
    const cached = this.routes.get(gtin);
    if (cached && cached.expiresAt > Date.now()) return usable(cached.route, now);
    const route = await findPartnerRoute(this.db, gtin, now);
    if (this.routes.size >= this.maxEntries) this.routes.clear();
    this.routes.set(gtin, { route, expiresAt: Date.now() + this.ttlMs });
    return route;
  }

  /** A partner route remembered from a recent lookup, without a query (undefined: none known). */
  remembered(gtin: string, now: Date): PartnerRoute | undefined {
    const cached = this.routes.get(gtin);
    return cached && cached.expiresAt > Date.now() ? usable(cached.route, now) : undefined;
  }

  /** Forget everything (a partner changed, or a test rewrote the directory). */
  clear(): void {
    this.routes.clear();
  }
}
