import type { Migration } from 'kysely';
import * as m0001 from './0001_companies.js';
import * as m0002 from './0002_source_stores.js';
import * as m0003 from './0003_network.js';
import * as m0004 from './0004_verification_history.js';
import * as m0005 from './0005_partners_certificates.js';
import * as m0006 from './0006_sync_runs.js';
import * as m0007 from './0007_certificate_notify.js';
import * as m0008 from './0008_certificate_successor.js';
import * as m0009 from './0009_serial_state_index.js';
import * as m0010 from './0010_sync_run_lookups.js';
import * as m0011 from './0011_source_product_sync.js';
import * as m0012 from './0012_serial_partitions.js';
import * as m0013 from './0013_serial_update_queue.js';
import * as m0014 from './0014_company_prefixes.js';
import * as m0015 from './0015_partner_routing.js';
import * as m0016 from './0016_directory_pulls.js';
import * as m0020 from './0020_history_exports.js';
import * as m0021 from './0021_atp_credentials.js';
import * as m0022 from './0022_near_miss.js';
import * as m0023 from './0023_upload_tracking.js';
import * as m0024 from './0024_upload_heartbeat.js';

// Listed statically rather than read from disk, so migrations run the same under tsx, vitest and a bundle.
export const migrations: Record<string, Migration> = {
  '0001_companies': m0001,
  '0002_source_stores': m0002,
  '0003_network': m0003,
  '0004_verification_history': m0004,
  '0005_partners_certificates': m0005,
  '0006_sync_runs': m0006,
  '0007_certificate_notify': m0007,
  '0008_certificate_successor': m0008,
  '0009_serial_state_index': m0009,
  '0010_sync_run_lookups': m0010,
  '0011_source_product_sync': m0011,
  '0012_serial_partitions': m0012,
  '0013_serial_update_queue': m0013,
  '0014_company_prefixes': m0014,
  '0015_partner_routing': m0015,
  '0016_directory_pulls': m0016,
  '0020_history_exports': m0020,
  '0021_atp_credentials': m0021,
  '0022_near_miss': m0022,
  '0023_upload_tracking': m0023,
  '0024_upload_heartbeat': m0024,
};
