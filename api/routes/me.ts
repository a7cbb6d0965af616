import { z } from '@hono/zod-openapi';
import { companyOf } from '../middleware/require.js';
import { createRouter } from '../router.js';
import { bearerAuth as security, createRoute, jsonContent } from '../schemas/openapi.js';

const Me = z
  .object({ companyId: z.string(), name: z.string(), gln: z.string(), roles: z.array(z.string()), device: z.boolean() })
  .openapi('Me');
const route = createRoute({
  method: 'get',
  path: '/v1/me',
  summary: 'the calling company',
  operationId: 'getMe',
  tags: ['consumers', 'producers'],
  security,
  responses: { 200: jsonContent(Me, 'the calling company') },
});

/** Who the credential belongs to: the scan page shows it after sign-in. */
export const meRoutes = () =>
  createRouter().openapi(route, (c) => {
    const { company, deviceId } = companyOf(c.get('principal'));
    return c.json(
      { companyId: company.id, name: company.name, gln: company.gln, roles: company.roles, device: deviceId !== null },
      200,
    );
  });
