import { deleteAtpWallet, findAtpWallet, putAtpWallet } from '../../db/repositories/atpWallets.js';
import { findCompanyById } from '../../db/repositories/companies.js';
import { encryptAtRest } from '../../domain/certificates/index.js';
import type { ApiDeps } from '../deps.js';
import { badRequest, notFound } from '../problem.js';
import { createRouter } from '../router.js';
import { AtpWalletSchema, atpWalletJson, PutAtpWalletSchema, walletPaths } from '../schemas/atp.js';
import { IdParamSchema } from '../schemas/companies.js';
import { bearerAuth as security, createRoute, jsonBody, jsonContent } from '../schemas/openapi.js';

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ tags: ['operators'], security, ...r });
const path = '/v1/admin/companies/{id}/atp';
const get = route({
  method: 'get',
  path,
  summary: "read a company's ATP wallet settings (secrets are never shown)",
  operationId: 'getCompanyAtp',
  request: { params: IdParamSchema },
  responses: { 200: jsonContent(AtpWalletSchema, 'the wallet settings and policies') },
});
const put = route({
  method: 'put',
  path,
  summary: "set a company's ATP wallet, DID and policies",
  operationId: 'putCompanyAtp',
  request: { params: IdParamSchema, body: jsonBody(PutAtpWalletSchema, 'the wallet settings; secrets are sealed') },
  responses: { 200: jsonContent(AtpWalletSchema, 'the wallet settings as stored') },
});
const remove = route({
  method: 'delete',
  path,
  summary: "remove a company's ATP wallet (no ATP checks for it any more)",
  operationId: 'deleteCompanyAtp',
  request: { params: IdParamSchema },
  responses: { 204: { description: 'removed' } },
});

/** Operators set each company's wallet; the secret is sealed under VRS_MASTER_KEY like private keys. */
export function adminAtpRoutes(deps: ApiDeps) {
  const { master } = deps.installation;
  const companyOr404 = async (id: string) => {
    if (!(await findCompanyById(deps.db, id))) throw notFound('no such company');
  };
  return createRouter()
    .openapi(get, async (c) => {
      const { id } = c.req.valid('param');
      await companyOr404(id);
      const wallet = await findAtpWallet(deps.db, id);
      if (!wallet) throw notFound('this company has no ATP wallet');
      return c.json(atpWalletJson(wallet), 200);
    })
    .openapi(put, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      await companyOr404(id);
      const { auth } = body;
      const secret = auth.kind === 'api-key' ? auth.apiKey : auth.clientSecret;
      const field = auth.kind === 'api-key' ? 'auth.apiKey' : 'auth.clientSecret';
      const existing = await findAtpWallet(deps.db, id);
      // A secret left out keeps the stored one, but only for the same kind of authentication.
      const kept = existing?.authKind === auth.kind ? existing.sealedSecret : undefined;
      const sealedSecret = secret !== undefined ? await encryptAtRest(master, secret) : kept;
      if (!sealedSecret) throw badRequest([{ path: field, message: 'required (no secret of this kind is stored)' }]);
      const wallet = await putAtpWallet(deps.db, {
        companyId: id,
        baseUrl: body.baseUrl,
        authKind: auth.kind,
        tokenUrl: auth.kind === 'api-key' ? null : auth.tokenUrl,
        clientId: auth.kind === 'api-key' ? null : auth.clientId,
        apiKeyHeader: auth.kind === 'api-key' ? auth.header : null,
        sealedSecret,
        ...walletPaths(body),
        did: body.did,
        outgoing: body.policy.outgoing,
        incoming: body.policy.incoming,
      });
      deps.atp.wallets.invalidate(id);
      return c.json(atpWalletJson(wallet), 200);
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid('param');
      await companyOr404(id);
      if (!(await deleteAtpWallet(deps.db, id))) throw notFound('this company has no ATP wallet');
      deps.atp.wallets.invalidate(id);
      return c.body(null, 204);
    });
}
