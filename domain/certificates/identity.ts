import { certificateError, type CertificateError } from './errors.js';
import { x509 } from './x509.js';
import { validateGln } from '../gs1/gln.js';
import { err, ok, type Result } from '../result.js';

/** Who we are towards a partner: our VRS host name, our organisation and our GLN. */
export interface ClientIdentity {
  host: string;
  organization: string;
  gln: string;
}

/**
 * X.520 serialNumber (2.5.4.5) is the standard attribute for a registry number of the subject,
 * so the GLN goes there and OU stays free: `CN=<host>, O=<organization>, serialNumber=<GLN>`.
 */
export const SERIAL_NUMBER_OID = '2.5.4.5';

// RFC 5280 upper bounds: ub-common-name and ub-organization-name are 64 characters.
const MAX_NAME = 64;
const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function validateIdentity(identity: ClientIdentity): Result<ClientIdentity, CertificateError> {
  const host = identity.host.trim().toLowerCase();
  if (host.length > MAX_NAME || !host.split('.').every((label) => DNS_LABEL.test(label)) || !host.includes('.')) {
    return err(
      certificateError(
        'invalid_input',
        `host must be a fully qualified DNS name of at most ${MAX_NAME} characters`,
        'host',
      ),
    );
  }
  const organization = identity.organization.trim();
  if (organization.length === 0 || organization.length > MAX_NAME) {
    return err(certificateError('invalid_input', `organization must be 1-${MAX_NAME} characters`, 'organization'));
  }
  const gln = validateGln(identity.gln.trim());
  if (!gln.ok) return err(certificateError('invalid_input', `GLN: ${gln.error.message}`, 'gln'));
  return ok({ host, organization, gln: gln.value });
}

export const subjectName = (identity: ClientIdentity) =>
  new x509.Name([{ CN: [identity.host] }, { O: [identity.organization] }, { [SERIAL_NUMBER_OID]: [identity.gln] }]);

export const subjectAltName = (host: string) =>
  new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: host }]);

/** Renders a name with `serialNumber=` instead of the bare OID, for people to read. */
export const readableName = (name: InstanceType<typeof x509.Name>): string =>
  new x509.Name(name.toArrayBuffer(), { serialNumber: SERIAL_NUMBER_OID }).toString();
