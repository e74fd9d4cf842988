// Runs the shared hash suite in Node: once on the isomorphic (Wasm-only) module that browsers
// load, once on `pvchain/crypto` as Node resolves it (large inputs through OpenSSL).

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import * as nodeCrypto from 'pvchain/crypto';
import * as wasmCrypto from '../../../../assembly/bindings/crypto.ts';
import { createHashSuite, type HashSuiteEnvironment } from '../../../shared/hash-suite.ts';
import { testSeed } from '../../../shared/random.ts';

const seed = testSeed(process.env.TEST_SEED);
const vectors = new URL('../../../vectors/', import.meta.url);

const environment = (crypto: HashSuiteEnvironment['crypto']): HashSuiteEnvironment => ({
  crypto,
  seed,
  readVector: (path) => readFile(new URL(path, vectors), 'utf8'),
  referenceDigests: async (alg, messages) =>
    messages.map((message) => new Uint8Array(createHash(alg).update(message).digest())),
});

it('loads the SIMD build exactly where the engine has SIMD', () => {
  const expected = process.env.PVCHAIN_EXPECT_SIMD ?? 'true';
  assert.equal(String(wasmCrypto.simdSupported()), expected);
});

for (const [label, crypto] of [
  ['Wasm (browser build)', wasmCrypto],
  ['pvchain/crypto in Node', nodeCrypto],
] as const) {
  describe(`hash: ${label} (TEST_SEED=${seed})`, () => {
    for (const testCase of createHashSuite(environment(crypto))) {
      it(testCase.name, () => testCase.run());
    }
  });
}
