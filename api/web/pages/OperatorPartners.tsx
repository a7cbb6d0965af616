import type { DirectoryPull } from '../../../db/repositories/directoryPulls.js';
import type { Partner } from '../../../db/repositories/partners.js';
import type { StoredCertificate } from '../../../domain/certificates/index.js';
import { Layout } from './Layout.js';
import type { Viewer } from './viewer.js';

export interface PartnerRow {
  partner: Partner;
  certificates: StoredCertificate[];
  /** The partner's certificateRotation workflow: running, failed, ... or none. */
  rotation: { status: string; url: string | undefined };
  directory: { records: number; conflicts: number; lastPull: DirectoryPull | null; lastUpload: DirectoryPull | null };
  /** This API process's circuit breaker for calls to the partner. */
  circuit: string;
}

/** "1 record", "3 records". */
const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const minute = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

function PullLine(props: { label: string; pull: DirectoryPull | null }) {
  const p = props.pull;
  if (!p) return <li>{`${props.label}: none yet`}</li>;
  return (
    <li>
      {`${props.label}: ${minute(p.startedAt)} `}
      <span class={`badge ${p.outcome}`}>{p.outcome}</span>
      {` · ${count(p.records, 'record')}, ${p.ended} ended, ${p.rejected} rejected, ${count(p.conflicts, 'conflict')}`}
      {p.error && <span class="error">{` · ${p.error}`}</span>}
    </li>
  );
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—');

/** Partner VRSs, their certificates (expiry, state) and the rotation chain's workflow. */
export function OperatorPartnersPage(props: { viewer: Viewer; partners: PartnerRow[]; now: Date }) {
  return (
    <Layout title="Partners" viewer={props.viewer} path="/operator/partners" scripts={['partners.js']}>
      <h1>Partners and certificates</h1>
      {props.partners.length === 0 && <p>No partners yet: POST /v1/admin/partners registers one.</p>}
      {props.partners.map(({ partner, certificates, rotation, directory, circuit }) => (
        <section class="card" aria-labelledby={`p-${partner.id}`}>
          <h2 id={`p-${partner.id}`}>{partner.name}</h2>
          <p>
            {`GLN ${partner.gln} · ${partner.baseUrl}`}
            {partner.directoryUrl && ` · directory ${partner.directoryUrl}`}
          </p>
          <ul class="facts">
            <li>
              {`Directory: ${count(directory.records, 'record')} valid now, ${count(directory.conflicts, 'conflict')} · circuit `}
              <span class={`badge circuit-${circuit}`}>{circuit}</span>
            </li>
            {partner.pullDirectory ? (
              <PullLine label="Last pull" pull={directory.lastPull} />
            ) : (
              <li>Pulls are off: this partner sends its directory as uploads.</li>
            )}
            {(directory.lastUpload || !partner.pullDirectory) && (
              <PullLine label="Last upload" pull={directory.lastUpload} />
            )}
          </ul>
          <div class="actions">
            {partner.pullDirectory && (
              <button type="button" data-pull={partner.id} data-name={partner.name}>
                Pull now<span class="visually-hidden">{` from ${partner.name}`}</span>
              </button>
            )}
            <button type="button" class="secondary" data-test={partner.id} data-name={partner.name}>
              Test connection<span class="visually-hidden">{` to ${partner.name}`}</span>
            </button>
          </div>
          <div id={`partner-result-${partner.id}`} class="partner-result" role="status" aria-live="polite"></div>
          <p>
            {'Rotation: '}
            <span class={`badge ${rotation.status}`}>{rotation.status}</span>{' '}
            {rotation.url && (
              <a href={rotation.url} target="_blank" rel="noopener">
                Temporal UI<span class="visually-hidden">{` for the rotation of ${partner.name}`}</span>
              </a>
            )}
          </p>
          <div class="table-wrap" tabindex={0} role="region" aria-label={`Certificates of ${partner.name}`}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Purpose</th>
                  <th scope="col">State</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Fingerprint (SHA-256)</th>
                </tr>
              </thead>
              <tbody>
                {certificates.length === 0 && (
                  <tr>
                    <td colspan={5}>No certificates.</td>
                  </tr>
                )}
                {certificates.map((c) => {
                  const days = c.notAfter
                    ? Math.floor((c.notAfter.getTime() - props.now.getTime()) / 86_400_000)
                    : undefined;
                  return (
                    <tr>
                      <td>{c.purpose}</td>
                      <td>
                        <span class={`badge ${c.status}`}>{c.status}</span>
                      </td>
                      <td class="mono">{c.subject ?? '—'}</td>
                      <td>{`${day(c.notAfter)}${days === undefined ? '' : days < 0 ? ' (expired)' : ` (in ${days} days)`}`}</td>
                      <td class="mono fingerprint">{c.fingerprint ?? '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Layout>
  );
}
