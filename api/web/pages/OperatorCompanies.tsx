import type { Company } from '../../../db/repositories/companies.js';
import { Layout } from './Layout.js';
import type { Viewer } from './viewer.js';

export interface KeyRow {
  id: string;
  prefix: string;
  device: boolean;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Companies with their roles and prefixes, and each one's API keys (issue, revoke). */
export function OperatorCompaniesPage(props: { viewer: Viewer; companies: { company: Company; keys: KeyRow[] }[] }) {
  return (
    <Layout title="Companies" viewer={props.viewer} path="/operator" scripts={['operator.js']}>
      <h1>Companies</h1>
      <p id="key-message" class="notice" role="status" hidden></p>
      {props.companies.length === 0 && <p>No companies yet: POST /v1/admin/companies creates one.</p>}
      {props.companies.map(({ company, keys }) => (
        <section class="card company" aria-labelledby={`c-${company.id}`}>
          <h2 id={`c-${company.id}`}>{company.name}</h2>
          <p>
            {`GLN ${company.gln} · ${company.roles.join(', ') || 'no role'} · prefixes ${company.companyPrefixes.join(', ') || 'none'} · ${company.timeZone}`}
          </p>
          <div class="table-wrap" tabindex={0} role="region" aria-label={`API keys of ${company.name}`}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Key prefix</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Created</th>
                  <th scope="col">State</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {keys.length === 0 && (
                  <tr>
                    <td colspan={5}>No keys.</td>
                  </tr>
                )}
                {keys.map((k) => (
                  <tr>
                    <td class="mono">{`vrs_${k.prefix}_…`}</td>
                    <td>{k.device ? 'device' : 'API key'}</td>
                    <td>{k.createdAt.toISOString().slice(0, 10)}</td>
                    <td>
                      <span class={`badge ${k.revokedAt ? 'retired' : 'active'}`}>
                        {k.revokedAt ? `revoked ${k.revokedAt.toISOString().slice(0, 10)}` : 'active'}
                      </span>
                    </td>
                    <td>
                      {!k.revokedAt && !k.device && (
                        <button
                          type="button"
                          class="danger"
                          data-revoke={k.id}
                          data-company={company.id}
                          aria-label={`Revoke key vrs_${k.prefix}`}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="actions">
            <button type="button" data-issue={company.id} data-name={company.name}>
              {`Issue an API key`}
              <span class="visually-hidden">{` for ${company.name}`}</span>
            </button>
          </div>
        </section>
      ))}
    </Layout>
  );
}
