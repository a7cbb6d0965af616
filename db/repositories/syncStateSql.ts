/**
 * A source product's sync state in SQL, over `s` (source_products), `j` (its source_product_sync
 * row, if any) and `n` (the network_products row of its GTIN, if any). A synced product needs no
 * row of its own: the network holds our row, not withdrawn, with the source's content hash.
 * Only what the network cannot tell is stored (skipped, withdrawn, and why), so a first sync
 * writes two rows per product, not three. Anything else is pending (never judged, or changed).
 */
export const SYNC_STATE_SQL = `coalesce(j.sync_state, case
  when n.producer_company_id = s.company_id and n.withdrawn_at is null and n.source_hash = s.content_hash then 'synced'
  else 'pending' end)`;
