// The one entry to @peculiar/x509: its DI container (tsyringe) needs the Reflect metadata API loaded first.
import 'reflect-metadata';

export * as x509 from '@peculiar/x509';
