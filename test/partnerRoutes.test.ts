import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertPartner } from '../db/repositories/partners.js';
import { findPartnerRoute } from '../db/repositories/partnerRoutes.js';
import { winningRecord } from '../domain/directory/precedence.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const GTIN = '00361414567894';

describe('findPartnerRoute', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  test('of two partners claiming a GTIN from the same instant, routing follows the conflict winner', async () => {
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
});
