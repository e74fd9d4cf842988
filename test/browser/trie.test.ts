// The shared trie suite in Chromium: tries built in the browser's own Wasm, their proofs verified
// there, tampered proofs rejected with their codes. Hashes come from the browser build of
// pvchain/crypto (itself checked against OpenSSL by test/browser/hash.test.ts).
import { hash, simdSupported } from '../../assembly/bindings/crypto.ts';
import * as trie from '../../assembly/bindings/trie/index.ts';
import { testSeed } from '../shared/random.ts';
import { createTrieSuite } from '../shared/trie-suite.ts';

const seed = testSeed(new URLSearchParams(location.search).get('seed') ?? undefined);

describe(`trie in Chromium (seed ${seed}, SIMD ${simdSupported()})`, () => {
  for (const testCase of createTrieSuite({ trie, hash, seed })) {
    it(testCase.name, () => testCase.run());
  }
});
