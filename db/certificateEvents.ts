import pg from 'pg';

/** PostgreSQL NOTIFY channel raised whenever a certificate is added or changes status. */
export const CERTIFICATE_CHANNEL = 'vrs_certificates';

/**
 * Calls `onChange` on every certificate change, from any process (LISTEN/NOTIFY), so a rotation
 * takes effect on running listeners without a restart. Reconnects after a lost connection.
 */
export async function listenForCertificateChanges(
  connectionString: string,
  onChange: () => void,
  onError: (error: Error) => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let closed = false;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString, application_name: 'vrs-cert-listener' });
    c.on('notification', () => onChange());
    c.on('error', (error) => {
      onError(error);
      if (!closed) setTimeout(() => void connect().catch(onError), 1_000);
    });
    await c.connect();
    await c.query(`listen ${CERTIFICATE_CHANNEL}`);
    client = c;
    onChange(); // anything missed while disconnected
  };
  await connect();
  return async () => {
    closed = true;
    await client?.end();
  };
}
