import { createRoute, z } from '@hono/zod-openapi';
import { insertDevice, listDevices, revokeDevice } from '../../db/repositories/devices.js';
import type { ApiDeps } from '../deps.js';
import { companyOf } from '../middleware/require.js';
import { forbidden, notFound } from '../problem.js';
import { createRouter } from '../router.js';
import { bearerAuth as security, jsonBody, jsonContent } from '../schemas/openapi.js';
import { issueApiKey } from '../services/companies.js';

const NewDevice = z.object({ name: z.string().trim().min(1).max(100), model: z.string().max(100).optional(), androidVersion: z.string().max(20).optional() }).openapi('RegisterDevice');
const Device = z.object({ deviceId: z.string().uuid(), name: z.string(), model: z.string().nullable(), androidVersion: z.string().nullable(), createdAt: z.string() }).openapi('Device');
const DeviceParams = z.object({ id: z.string().uuid().openapi({ param: { name: 'id', in: 'path' } }) });

const register = createRoute({ method: 'post', path: '/v1/devices', tags: ['consumers'], security, request: { body: jsonBody(NewDevice, 'a handheld scanner') }, responses: { 201: jsonContent(Device.extend({ token: z.string() }), 'the device token is shown once') } });
const list = createRoute({ method: 'get', path: '/v1/devices', tags: ['consumers'], security, responses: { 200: jsonContent(z.array(Device), 'registered devices') } });
const revoke = createRoute({ method: 'delete', path: '/v1/devices/{id}', tags: ['consumers'], security, request: { params: DeviceParams }, responses: { 204: { description: 'unregistered; its token stops working' } } });

export function deviceRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(register, async (c) => {
      // A device cannot register further devices: only a company key may.
      const principal = companyOf(c.get('principal'), 'consumer');
      if (principal.deviceId) throw forbidden('a device cannot register devices; use the company API key');
      const body = c.req.valid('json');
      const device = await insertDevice(deps.db, { companyId: principal.company.id, name: body.name, model: body.model ?? null, androidVersion: body.androidVersion ?? null });
      const key = await issueApiKey(deps.db, principal.company.id, device.id);
      return c.json({ deviceId: device.id, name: device.name, model: device.model, androidVersion: device.android_version, createdAt: device.created_at.toISOString(), token: key.apiKey }, 201);
    })
    .openapi(list, async (c) => {
      const devices = await listDevices(deps.db, companyOf(c.get('principal'), 'consumer').company.id);
      return c.json(devices.map((d) => ({ deviceId: d.id, name: d.name, model: d.model, androidVersion: d.android_version, createdAt: d.created_at.toISOString() })), 200);
    })
    .openapi(revoke, async (c) => {
      const prefixes = await revokeDevice(deps.db, companyOf(c.get('principal'), 'consumer').company.id, c.req.valid('param').id);
      if (!prefixes) throw notFound('no such device');
      for (const prefix of prefixes) deps.credentials.forget(prefix);
      return c.body(null, 204);
    });
}
