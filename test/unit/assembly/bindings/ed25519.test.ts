// Runs the shared Ed25519 suite in Node: on the isomorphic module that browsers load and on
// `pvchain/crypto` as Node resolves it, with OpenSSL as the independent SHA-512. ED25519_CASES
// lowers the number of differential cases (the scalar-build rerun uses it).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import * as nodeCrypto from 'pvchain/crypto';
import * as wasmCrypto from '../../../../assembly/bindings/crypto.ts';
import { createEd25519Suite, type Ed25519SuiteEnvironment } from '../../../shared/ed25519-suite.ts';
import { testSeed } from '../../../shared/random.ts';

const seed = testSeed(process.env.TEST_SEED);
const vectors = new URL('../../../vectors/', import.meta.url);
const differentialCases = Number(process.env.ED25519_CASES ?? 12_000);

const environment: Ed25519SuiteEnvironment = {
  crypto: wasmCrypto,
  seed,
  readVector: (path) => readFile(new URL(path, vectors), 'utf8'),
  referenceSha512: (data) => new Uint8Array(createHash('sha512').update(data).digest()),
  differentialCases,
  batchRounds: Math.max(9, Math.round(differentialCases / 150)),
};

it('runs the SIMD build of the Ed25519 module exactly where the engine has SIMD', () => {
  assert.equal(String(wasmCrypto.simdSupported()), process.env.PVCHAIN_EXPECT_SIMD ?? 'true');
});

describe(`Ed25519 and addresses in Node (seed ${seed}, SIMD ${wasmCrypto.simdSupported()})`, () => {
  for (const testCase of createEd25519Suite(environment)) {
    it(testCase.name, () => testCase.run());
  }
});

it('pvchain/crypto in Node exports the same Ed25519 and address functions', () => {
  assert.equal(nodeCrypto.verify, wasmCrypto.verify);
  assert.equal(nodeCrypto.verifyBatch, wasmCrypto.verifyBatch);
  assert.equal(nodeCrypto.sign, wasmCrypto.sign);
  assert.equal(nodeCrypto.generateKeyPair, wasmCrypto.generateKeyPair);
  assert.equal(nodeCrypto.parseAddress, wasmCrypto.parseAddress);
});
