/**
 * Runs the bundled test wallet (OCI wallet API) for a local network without a commercial wallet.
 *
 *   npm run test-wallet                       # two demo holders on port 7480
 *   TEST_WALLET_CONFIG=wallet.json npm run test-wallet
 *
 * The config file is TestWalletOptions as JSON (port, issuerDid, holders, clients, apiKeys).
 * Keys are made at start and live in memory: stop it and every credential is issued anew.
 */
import { readFileSync } from 'node:fs';
import { startTestWallet, type TestWalletOptions } from './lib/testWallet/testWallet.js';

const DEMO: TestWalletOptions = {
  port: 7480,
  holders: [
    { did: 'did:web:producer.vrs.example', legalName: 'Demo Producer', organizationType: 'Manufacturer' },
    { did: 'did:web:consumer.vrs.example', legalName: 'Demo Consumer', organizationType: 'Dispenser' },
  ],
  clients: [{ clientId: 'vrs', clientSecret: 'test-wallet-secret' }],
  apiKeys: ['test-wallet-api-key'],
};

const file = process.env.TEST_WALLET_CONFIG;
const options = file ? (JSON.parse(readFileSync(file, 'utf8')) as TestWalletOptions) : DEMO;
const wallet = await startTestWallet(options);
console.log(`test wallet at ${wallet.url} (token URL ${wallet.tokenUrl}), issuer ${wallet.issuerDid}`);
console.log(`holders: ${options.holders.map((h) => h.did).join(', ')}`);
const stop = () => void wallet.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
