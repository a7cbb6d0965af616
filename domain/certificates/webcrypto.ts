// tsconfig has no DOM lib, so WebCrypto's types come from @types/node under these names.
import type { webcrypto } from 'node:crypto';

export type Algorithm = webcrypto.Algorithm;
export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;
export type EcdsaParams = webcrypto.EcdsaParams;
export type EcKeyAlgorithm = webcrypto.EcKeyAlgorithm;
export type EcKeyGenParams = webcrypto.EcKeyGenParams;
export type EcKeyImportParams = webcrypto.EcKeyImportParams;
export type RsaHashedImportParams = webcrypto.RsaHashedImportParams;
export type RsaHashedKeyGenParams = webcrypto.RsaHashedKeyGenParams;
export type RsaKeyAlgorithm = webcrypto.RsaKeyAlgorithm;
