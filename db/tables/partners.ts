import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CertificatePurpose, CertificateStatus } from '../../domain/certificates/stored.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface PartnersTable {
  id: Generated<string>;
  name: string;
  gln: string;
  base_url: string;
  directory_url: string | null;
  ca_pem: string;
  directory_cursor: string | null;
  /** null: the environment's HTTPS_PROXY / NO_PROXY; 'direct': no proxy; else the proxy URL. */
  proxy_url: Generated<string | null>;
  /** Sealed JSON object of extra static request headers. */
  extra_headers: Generated<string | null>;
  pull_directory: Generated<boolean>;
  /** null: DIRECTORY_PULL_INTERVAL_MIN. */
  pull_interval_minutes: number | null;
  /** null: ATP_HEADER. */
  atp_header: Generated<string | null>;
  created_at: Generated<Date>;
}

export interface CertificatesTable {
  id: Generated<string>;
  partner_id: string | null;
  purpose: CertificatePurpose;
  status: CertificateStatus;
  cert_pem: string | null;
  chain_pem: string | null;
  csr_pem: string | null;
  encrypted_key: string | null;
  master_key_id: string | null;
  fingerprint: string | null;
  subject: string | null;
  not_before: Timestamp | null;
  not_after: Timestamp | null;
  predecessor_id: string | null;
  created_at: Generated<Date>;
  activated_at: Timestamp | null;
  retired_at: Timestamp | null;
}

export type PartnerRow = Selectable<PartnersTable>;
export type CertificateRow = Selectable<CertificatesTable>;
