import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { launchMasterDataSync } from '../../launchers/masterDataSync.js';
import { launchSerialBackfill } from '../../launchers/serialBackfill.js';
import { SerialUpdatesWaker } from '../../launchers/serialUpdates.js';
import { createCompanyWithKey, issueApiKey } from '../../api/companies/companies.js';
import { revokeApiKey } from '../../db/repositories/apiKeys.js';
import { findCompanyById, listCompanies, type CompanyRole } from '../../db/repositories/companies.js';
import { listPartners } from '../../db/repositories/partners.js';
import { producersAwaitingDrain } from '../../db/serialSync/updateQueue.js';
import type { Database } from '../../db/schema.js';
import { isValidGln } from '../../domain/gs1/gln.js';
import type { QueueName } from '../../workflows/ids.js';
import { VrsCompanyName, VrsKind } from '../../workflows/searchAttributes.js';

export interface AdminDeps {
  db: Kysely<Database>;
  temporal: Client;
  taskQueueOf: (queue: QueueName) => string;
  serialBackfillPartitions: number;
  /** The API process whose brute-force blocks `blocks` reads (they live in its memory). */
  api?: { url: string; token: string } | undefined;
}

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `npm run admin -- <command>
  companies list
  companies create --name <name> --gln <gln> --roles producer,consumer [--prefixes 0361414,...] [--time-zone America/New_York]
  keys create <companyId>                 prints the new key once
  keys revoke <companyId> <keyId>
  partners list
  blocks list                             brute-force blocks of the API process at VRS_API_URL
  blocks lift <caller>                    (blocks need VRS_API_URL and VRS_ADMIN_TOKEN)
  sync start <companyId> master-data|serials [--partitions N]
  workflows failed [--limit N]            failed runs (Temporal visibility, most recent first)
  queue drain                             wakes the serial drain of every producer with queued events`;

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
  return value;
}

function required(args: string[], name: string): string {
  const value = option(args, name);
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

async function companyOf(deps: AdminDeps, id: string | undefined) {
  if (!id) throw new UsageError('a company id is required');
  const company = await findCompanyById(deps.db, id).catch(() => undefined); // a malformed uuid is "no such company"
  if (!company) throw new UsageError(`no company ${id}`);
  return company;
}

/** Brute-force blocks live in each API process's memory, so these commands ask that process. */
async function callApi(deps: AdminDeps, method: string, path: string): Promise<unknown> {
  if (!deps.api) throw new UsageError('blocks need VRS_API_URL (an API process) and VRS_ADMIN_TOKEN');
  const res = await fetch(new URL(path, deps.api.url), {
    method,
    headers: { authorization: `Bearer ${deps.api.token}` },
  });
  const text = await res.text();
  if (res.status === 404) throw new UsageError((JSON.parse(text) as { detail?: string }).detail ?? 'not found');
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/**
 * The admin commands: the same repositories and launchers as the API, straight against the
 * database and Temporal, so they work when no API process is up (during an incident, or before
 * the first one starts). Only brute-force blocks, which exist nowhere but in an API process's
 * memory, are asked of the API. Each returns what it did as JSON-ready data.
 */
export async function runAdminCommand(deps: AdminDeps, argv: string[]): Promise<unknown> {
  const [area, verb, ...args] = argv;
  const command = `${area ?? ''} ${verb ?? ''}`.trim();
  switch (command) {
    case 'companies list':
      return (await listCompanies(deps.db)).map(({ id, name, gln, roles, companyPrefixes }) => ({
        id,
        name,
        gln,
        roles,
        companyPrefixes,
      }));
    case 'companies create': {
      const gln = required(args, 'gln');
      if (!isValidGln(gln)) throw new UsageError('--gln must be a 13-digit GLN with a valid check digit');
      const roles = required(args, 'roles').split(',');
      if (roles.length === 0 || roles.some((r) => r !== 'producer' && r !== 'consumer'))
        throw new UsageError('--roles is a comma-separated list of producer, consumer');
      const prefixes = option(args, 'prefixes');
      const { company, key } = await createCompanyWithKey(deps.db, {
        name: required(args, 'name'),
        gln,
        roles: roles as CompanyRole[],
        companyPrefixes: prefixes ? prefixes.split(',') : undefined,
        timeZone: option(args, 'time-zone'),
      });
      return { company, apiKey: key.apiKey, keyId: key.id };
    }
    case 'keys create': {
      const company = await companyOf(deps, args[0]);
      const key = await issueApiKey(deps.db, company.id);
      return { companyId: company.id, keyId: key.id, apiKey: key.apiKey };
    }
    case 'keys revoke': {
      const company = await companyOf(deps, args[0]);
      if (!args[1]) throw new UsageError('a key id is required');
      const revoked = await revokeApiKey(deps.db, company.id, args[1]).catch(() => undefined);
      if (!revoked) throw new UsageError(`company ${company.id} has no active key ${args[1]}`);
      return { companyId: company.id, keyId: args[1], revoked: true };
    }
    case 'partners list':
      return (await listPartners(deps.db)).map(({ id, name, gln, baseUrl, pullDirectory, pullIntervalMinutes }) => ({
        id,
        name,
        gln,
        baseUrl,
        pullDirectory,
        pullIntervalMinutes,
      }));
    case 'blocks list':
      return (await callApi(deps, 'GET', '/v1/admin/blocks')) as unknown;
    case 'blocks lift': {
      if (!args[0]) throw new UsageError('a caller is required (as blocks list shows it)');
      await callApi(deps, 'DELETE', `/v1/admin/blocks/${encodeURIComponent(args[0])}`);
      return { caller: args[0], lifted: true };
    }
    case 'sync start': {
      const company = await companyOf(deps, args[0]);
      if (args[1] === 'master-data') return { workflowId: await launchMasterDataSync(deps, company.id) };
      if (args[1] === 'serials') {
        const partitions = Number(option(args, 'partitions') ?? deps.serialBackfillPartitions);
        if (!Number.isInteger(partitions) || partitions < 1)
          throw new UsageError('--partitions must be a whole number from 1');
        return { workflowId: await launchSerialBackfill(deps, { companyId: company.id, partitions }) };
      }
      throw new UsageError('sync start <companyId> master-data|serials');
    }
    case 'workflows failed': {
      const limit = Number(option(args, 'limit') ?? 50);
      const runs = [];
      for await (const run of deps.temporal.workflow.list({ query: `ExecutionStatus = 'Failed'` })) {
        runs.push({
          workflowId: run.workflowId,
          runId: run.runId,
          type: run.type,
          company: run.typedSearchAttributes.get(VrsCompanyName) ?? null,
          kind: run.typedSearchAttributes.get(VrsKind) ?? null,
          closedAt: run.closeTime?.toISOString() ?? null,
        });
        if (runs.length >= limit) break;
      }
      return runs;
    }
    case 'queue drain': {
      const producers = await producersAwaitingDrain(deps.db);
      const waker = new SerialUpdatesWaker(deps);
      for (const companyId of producers) await waker.wake(companyId);
      return { woken: producers };
    }
    default:
      throw new UsageError(command ? `unknown command: ${command}` : 'no command');
  }
}
