// The one entry to @peculiar/x509: the shim must be evaluated before the library loads.
import './reflectShim.js';

export * as x509 from '@peculiar/x509';
