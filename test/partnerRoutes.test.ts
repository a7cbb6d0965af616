import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertPartner } from '../db/repositories/partners.js';
import { findPartnerRoute } from '../db/repositories/partnerRoutes.js';
import { PartnerRouteCache } from '../api/routing/partnerRouteCache.js';
import { winningRecord } from '../domain/directory/precedence.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const GTIN = '00361414567894';
const OTHER_GTIN = '00361414567900';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('findPartnerRoute', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  const partner = (name: string, gln: string) =>
    insertPartner(database.db, {
      name,
      gln,
      baseUrl: `https://${name}.example`,
      directoryUrl: null,
      caPem: 'unused',
      proxyUrl: null,
      sealedExtraHeaders: null,
    });

  test('of two partners claiming a GTIN from the same instant, routing follows the conflict winner', async () => {
    const [a, b] = [await partner('a', '0614141000005'), await partner('b', '0312345000011')];
    const validFrom = new Date('2026-01-01T00:00:00Z');
    const record = (source: string, updatedAt: Date) => ({
      gtin: GTIN,
      responder_gln: '0312345000011',
      source,
      partner_id: source,
      vrs_name: source,
      verification_url: 'https://x.example/verify',
      connectivity_url: 'https://x.example/checkConnectivity',
      valid_from: validFrom,
      updated_at: updatedAt,
    });
    const older = record(a.id, new Date('2026-02-01T00:00:00Z'));
    const newer = record(b.id, new Date('2026-03-01T00:00:00Z'));
    await database.db.insertInto('directory_entries').values([older, newer]).execute();

    const winner = winningRecord(
      { source: older.source, validFrom, updatedAt: older.updated_at },
      { source: newer.source, validFrom, updatedAt: newer.updated_at },
    );
    const route = await findPartnerRoute(database.db, GTIN, new Date('2026-06-01T00:00:00Z'));
    expect(route?.partnerId).toBe(winner.source);
    expect(route?.partnerId).toBe(b.id);
  });

  test('an expired route is re-checked by one caller while the others keep using it', async () => {
    const c = await partner('c', '0860000000017');
    const entry = {
      gtin: OTHER_GTIN,
      responder_gln: '0860000000017',
      source: c.id,
      partner_id: c.id,
      vrs_name: 'c',
      verification_url: 'https://c.example/verify',
      connectivity_url: 'https://c.example/checkConnectivity',
      valid_from: new Date('2026-01-01T00:00:00Z'),
    };
    await database.db.insertInto('directory_entries').values(entry).execute();
    const cache = new PartnerRouteCache(database.db, 50);
    const now = new Date();
    expect(cache.remembered(OTHER_GTIN, now)).toBeUndefined();
    expect((await cache.find(OTHER_GTIN, now))?.partnerId).toBe(c.id);
    expect(cache.remembered(OTHER_GTIN, now)?.verificationUrl).toBe('https://c.example/verify');

    // The partner moves the GTIN to a new address; the cached route expires.
    await database.db
      .updateTable('directory_entries')
      .set({ verification_url: 'https://c2.example/verify' })
      .where('gtin', '=', OTHER_GTIN)
      .execute();
    await pause(60);
    // The first caller after the expiry re-checks; everyone else meanwhile keeps the old route.
    expect(cache.remembered(OTHER_GTIN, now)).toBeUndefined();
    expect(cache.remembered(OTHER_GTIN, now)?.verificationUrl).toBe('https://c.example/verify');
    expect((await cache.find(OTHER_GTIN, now))?.verificationUrl).toBe('https://c2.example/verify');
    expect(cache.remembered(OTHER_GTIN, now)?.verificationUrl).toBe('https://c2.example/verify');
  });
});
