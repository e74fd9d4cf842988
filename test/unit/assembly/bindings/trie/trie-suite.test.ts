// Runs the shared trie suite (test/shared/trie-suite.ts) in Node, on the same Wasm as browsers.
import { describe, it } from 'node:test';
import { hash } from '../../../../../assembly/bindings/crypto.ts';
import * as trie from '../../../../../assembly/bindings/trie/index.ts';
import { testSeed } from '../../../../shared/random.ts';
import { createTrieSuite } from '../../../../shared/trie-suite.ts';

const seed = testSeed(process.env.TEST_SEED);

describe(`trie suite (TEST_SEED=${seed})`, () => {
  for (const testCase of createTrieSuite({ trie, hash, seed })) {
    it(testCase.name, () => testCase.run());
  }
});
