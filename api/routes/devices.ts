import { z } from '@hono/zod-openapi';
import { insertDevice, listDevices, revokeDevice } from '../../db/repositories/devices.js';
import type { CompanyPrincipal } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { companyOf } from '../middleware/require.js';
import { requireCompany } from '../middleware/requireCompany.js';
import { forbidden, notFound } from '../problem.js';
import { createRouter } from '../router.js';
import { bearerAuth as security, createRoute, jsonBody, jsonContent } from '../schemas/openapi.js';
import { issueApiKey } from '../companies/companies.js';

const NewDevice = z
  .object({
    name: z.string().trim().min(1).max(100),
    model: z.string().max(100).optional(),
    androidVersion: z.string().max(20).optional(),
  })
  .openapi('RegisterDevice');
const Device = z
  .object({
    deviceId: z.string().uuid(),
    name: z.string(),
    model: z.string().nullable(),
    androidVersion: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Device');
const DeviceParams = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const consumer = requireCompany('consumer');
const register = createRoute({
  method: 'post',
  path: '/v1/devices',
  summary: 'register a handheld scanner',
  operationId: 'registerDevice',
  tags: ['consumers'],
  security,
  middleware: [consumer],
  request: { body: jsonBody(NewDevice, 'a handheld scanner') },
  responses: { 201: jsonContent(Device.extend({ token: z.string() }), 'the device token is shown once') },
});
const list = createRoute({
  method: 'get',
  path: '/v1/devices',
  summary: 'list registered devices',
  operationId: 'listDevices',
  tags: ['consumers'],
  security,
  middleware: [consumer],
  responses: { 200: jsonContent(z.array(Device), 'registered devices') },
});
const revoke = createRoute({
  method: 'delete',
  path: '/v1/devices/{id}',
  summary: 'unregister a device',
  operationId: 'revokeDevice',
  tags: ['consumers'],
  security,
  middleware: [consumer],
  request: { params: DeviceParams },
  responses: { 204: { description: 'unregistered; its token stops working' } },
});

/** Devices are managed with the company key: a handheld token may verify, not register or revoke. */
function companyKeyOf(principal: AppEnv['Variables']['principal']): CompanyPrincipal {
  const caller = companyOf(principal, 'consumer');
  if (caller.deviceId) throw forbidden('devices are managed with the company API key, not a device token');
  return caller;
}

export function deviceRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(register, async (c) => {
      const principal = companyKeyOf(c.get('principal'));
      const body = c.req.valid('json');
      // One transaction: never a device without its token.
      const { device, key } = await deps.db.transaction().execute(async (trx) => {
        const device = await insertDevice(trx, {
          companyId: principal.company.id,
          name: body.name,
          model: body.model ?? null,
          androidVersion: body.androidVersion ?? null,
        });
        return { device, key: await issueApiKey(trx, principal.company.id, device.id) };
      });
      return c.json(
        {
          deviceId: device.id,
          name: device.name,
          model: device.model,
          androidVersion: device.android_version,
          createdAt: device.created_at.toISOString(),
          token: key.apiKey,
        },
        201,
      );
    })
    .openapi(list, async (c) => {
      const devices = await listDevices(deps.db, companyKeyOf(c.get('principal')).company.id);
      return c.json(
        devices.map((d) => ({
          deviceId: d.id,
          name: d.name,
          model: d.model,
          androidVersion: d.android_version,
          createdAt: d.created_at.toISOString(),
        })),
        200,
      );
    })
    .openapi(revoke, async (c) => {
      const prefixes = await revokeDevice(
        deps.db,
        companyKeyOf(c.get('principal')).company.id,
        c.req.valid('param').id,
      );
      if (!prefixes) throw notFound('no such device');
      for (const prefix of prefixes) deps.credentials.forget(prefix);
      return c.body(null, 204);
    });
}
