import { describe } from 'node:test';
import { MemoryKV } from '../../../../../assembly/bindings/trie/index.ts';
import { kvConformance } from './kv-conformance.ts';

describe('MemoryKV', () => {
  kvConformance(async () => new MemoryKV());
});
