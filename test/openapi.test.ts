import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';

interface Operation {
  operationId?: string;
  summary?: string;
  responses: Record<string, unknown>;
  requestBody?: { content: Record<string, { schema: { type?: string } }> };
}

describe('/v1/openapi.json', () => {
  let ctx: ApiTestContext;
  let source: string;
  beforeAll(async () => {
    ctx = await createApiTestContext('openapi');
    source = await (await ctx.call('GET', '/v1/openapi.json')).text();
  });
  afterAll(() => ctx.close());

  test("passes Redocly's recommended rules with no error", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`);
    expect(errors).toEqual([]);
  });

  test('every operation has a summary, an operationId and its 4xx answers', () => {
    const doc = JSON.parse(source) as { paths: Record<string, Record<string, Operation>> };
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!op.summary) missing.push(`${method} ${path}: summary`);
        if (!op.operationId) missing.push(`${method} ${path}: operationId`);
        if (!Object.keys(op.responses).some((s) => s.startsWith('4'))) missing.push(`${method} ${path}: 4xx`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('uploads document their records: JSON as the record array, CSV with its columns', () => {
    const doc = JSON.parse(source) as {
      paths: Record<
        string,
        Record<
          string,
          Operation & {
            requestBody: {
              content: Record<
                string,
                { schema: { type?: string; description?: string; items?: { properties?: object } } }
              >;
            };
          }
        >
      >;
    };
    for (const path of ['/v1/master-data', '/v1/serials', '/v1/admin/partners/{id}/directory']) {
      const content = doc.paths[path]!.post!.requestBody.content;
      expect(content['application/json']!.schema.type).toBe('array');
      expect(Object.keys(content['application/json']!.schema.items!.properties!)).toContain('gtin');
      expect(content['text/csv']!.schema.description).toMatch(/gtin,/);
    }
  });
});
