import type { AtpExchangesTable, AtpWalletsTable } from './tables/atp.js';
import type { ApiKeysTable, CompaniesTable, CompanyPrefixesTable, DevicesTable } from './tables/companies.js';
import type { DirectoryConflictsTable, DirectoryPullsTable } from './tables/directory.js';
import type { VerificationHistoryTable } from './tables/history.js';
import type { HistoryExportChunksTable, HistoryExportsTable } from './tables/historyExports.js';
import type { DirectoryEntriesTable, NetworkProductsTable, NetworkSerialsTable } from './tables/network.js';
import type { CertificatesTable, PartnersTable } from './tables/partners.js';
import type {
  SerialLoadCatchupTable,
  SerialLoadPartsTable,
  SerialLoadsTable,
  SerialUpdateLeasesTable,
  SerialUpdateQueueTable,
} from './tables/serialSync.js';
import type {
  RulesTable,
  SourceProductSyncTable,
  SourceProductsTable,
  SourceSerialEventsTable,
  UploadErrorsTable,
  UploadsTable,
} from './tables/sourceStores.js';
import type { InstallationSettingsTable, SyncRunsTable } from './tables/syncs.js';

/** Assembles the table interfaces; each lives beside its aggregate in tables/. */
export interface Database {
  companies: CompaniesTable;
  company_prefixes: CompanyPrefixesTable;
  devices: DevicesTable;
  api_keys: ApiKeysTable;
  uploads: UploadsTable;
  upload_errors: UploadErrorsTable;
  source_products: SourceProductsTable;
  source_product_sync: SourceProductSyncTable;
  source_serial_events: SourceSerialEventsTable;
  rules: RulesTable;
  network_products: NetworkProductsTable;
  /** Partitioned by producer (list); each producer's partition is db/serialSync/serialTables.ts. */
  network_serials: NetworkSerialsTable;
  serial_loads: SerialLoadsTable;
  serial_load_parts: SerialLoadPartsTable;
  serial_load_catchup: SerialLoadCatchupTable;
  serial_update_queue: SerialUpdateQueueTable;
  serial_update_leases: SerialUpdateLeasesTable;
  directory_entries: DirectoryEntriesTable;
  directory_pulls: DirectoryPullsTable;
  directory_conflicts: DirectoryConflictsTable;
  verification_history: VerificationHistoryTable;
  history_exports: HistoryExportsTable;
  history_export_chunks: HistoryExportChunksTable;
  partners: PartnersTable;
  atp_wallets: AtpWalletsTable;
  atp_exchanges: AtpExchangesTable;
  certificates: CertificatesTable;
  sync_runs: SyncRunsTable;
  installation_settings: InstallationSettingsTable;
}
