import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  HEAD_KEY,
  NODE_BUCKET,
  ROOT_BUCKET,
} from '../../../../assembly/bindings/trie/store-keys.ts';
import { Bucket } from '../../../../node/chain/buckets.ts';

it('the registry holds the trie bytes the trie uses, and no byte twice', () => {
  assert.equal(Bucket.TRIE_NODE, NODE_BUCKET);
  assert.equal(Bucket.TRIE_ROOT_BY_HEIGHT, ROOT_BUCKET);
  assert.deepEqual(new Uint8Array([Bucket.TRIE_HEAD]), HEAD_KEY);
  const bytes = Object.values(Bucket);
  assert.equal(new Set(bytes).size, bytes.length);
});
