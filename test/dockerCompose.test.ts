import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  environment?: Record<string, unknown>;
}

// Docker is not on the development machines; this keeps the production topology honest.
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as {
    services: Record<string, Service>;
  };
  const services = compose.services;

  test('names every service of the production topology', () => {
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'postgres',
      'temporal',
      'temporal-setup',
      'temporal-ui',
      'worker',
    ]);
    expect(services.postgres!.image).toMatch(/^postgres:16/);
    expect(services.temporal!.image).toMatch(/^temporalio\/auto-setup:/);
    expect(services['temporal-ui']!.image).toMatch(/^temporalio\/ui:/);
  });

  test('Temporal persists in PostgreSQL and every dependency exists', () => {
    expect(services.temporal!.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres' });
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {}))
        expect(services, `${name} depends on ${dependency}`).toHaveProperty(dependency);
    }
  });

  test('api and worker are built from the Dockerfile and run our entry points', () => {
    expect(services.api!.build).toBe('.');
    expect(services.worker!.build).toBe('.');
    // The compiled build (`npm run build` in the Dockerfile), run by plain node.
    expect(services.api!.command).toEqual(expect.arrayContaining(['node', 'dist/api/main.js']));
    expect(services.worker!.command).toEqual(expect.arrayContaining(['node', 'dist/workers/main.js']));
    // Readiness, which does not depend on Temporal.
    expect(services.api!.healthcheck?.test.join(' ')).toContain('/readyz');
    expect(services.api!.environment).toMatchObject({ TEMPORAL_ADDRESS: 'temporal:7233' });
  });

  test('registers the search attributes the workflows upsert', () => {
    const command = services['temporal-setup']!.command!.join(' ');
    for (const name of ['VrsCompany', 'VrsCompanyName', 'VrsKind', 'VrsProgress']) expect(command).toContain(name);
  });

  test('the Dockerfile runs the compiled build, with no transpiler at run time', () => {
    const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
    expect(dockerfile).toContain('RUN npm run build');
    expect(dockerfile).toContain('COPY --from=build /app/dist ./dist');
    expect(dockerfile).not.toMatch(/\btsx\b/);
  });

  test('the image and compose run the API as `npm run start:api` does, heap flags included', () => {
    const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const startApi = scripts['start:api']!.split(' ');
    const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
    expect(JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!)).toEqual(startApi);
    expect(services.api!.command).toEqual(startApi);
  });
});
