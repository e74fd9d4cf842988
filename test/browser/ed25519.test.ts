// The shared Ed25519 and address suite in Chromium, on the same Wasm that Node loads, with
// @noble/hashes as the independent SHA-512 and @noble/ed25519 as the differential reference.
// Fewer random cases than in Node, to keep the browser run short.
import { sha512 } from '@noble/hashes/sha2.js';
import * as crypto from '../../assembly/bindings/crypto.ts';
import { createEd25519Suite, type Ed25519SuiteEnvironment } from '../shared/ed25519-suite.ts';
import { testSeed } from '../shared/random.ts';

const seed = testSeed(new URLSearchParams(location.search).get('seed') ?? undefined);

const environment: Ed25519SuiteEnvironment = {
  crypto,
  seed,
  async readVector(path) {
    const response = await fetch(new URL(`../vectors/${path}`, import.meta.url));
    if (!response.ok) throw new Error(`vector ${path}: HTTP ${response.status}`);
    return response.text();
  },
  referenceSha512: (data) => sha512(data),
  differentialCases: 3000,
  batchRounds: 24,
};

describe(`Ed25519 and addresses in Chromium (seed ${seed}, SIMD ${crypto.simdSupported()})`, () => {
  for (const testCase of createEd25519Suite(environment)) {
    it(testCase.name, () => testCase.run());
  }
});
