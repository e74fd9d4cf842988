// `pvchain/trie`: the Merkle Patricia trie of DESIGN.md, its proofs and verifyProof.
export { MAX_KEY_BYTES, MAX_VALUE_BYTES } from './args.ts';
export {
  TrieProofError,
  TrieProofErrorCode,
  type TrieProofErrorMetadata,
  TrieStoreError,
  TrieStoreErrorCode,
  type TrieStoreErrorMetadata,
} from './errors.ts';
export type { KVOperation, KVRange, KVStore } from './kv.ts';
export { MemoryKV } from './memory-kv.ts';
export {
  type AtHeight,
  createTrie,
  type Entry,
  type PruneResult,
  type Trie,
  type TrieBatchOp,
  type TrieHead,
  type TrieOptions,
} from './trie.ts';
export {
  DEFAULT_MAX_PROOF_BYTES,
  DEFAULT_MAX_PROOF_NODES,
  type VerifyProofOptions,
  verifyProof,
} from './verify-proof.ts';
