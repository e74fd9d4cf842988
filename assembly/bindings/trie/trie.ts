// createTrie: the state trie of DESIGN.md, its options and its interface. The implementation is
// StateTrie (state-trie.ts).
import type { HashAlgorithm } from '../hash-kernel.ts';
import type { Entry, TrieBatchOp } from './handle-ops.ts';
import type { KVStore } from './kv.ts';
import type { PruneResult } from './prune.ts';
import { StateTrie } from './state-trie.ts';

export type { Entry, TrieBatchOp } from './handle-ops.ts';
export type { PruneResult } from './prune.ts';

export type TrieOptions = {
  hash: HashAlgorithm;
  /** Where nodes and roots are stored; a fresh MemoryKV if omitted. */
  db?: KVStore;
  /** Open the stored trie with this root instead of the store's head. */
  root?: Uint8Array;
  /** Wasm memory the trie's nodes may keep after a persist (default 256 MiB). */
  cacheBytes?: number;
  /** How many recent persisted roots stay readable (default 128). */
  retainRoots?: number;
  /** Encoded nodes kept in the load cache (default 4096). */
  cacheNodes?: number;
};

/** Read at a persisted height instead of the current state. */
export type AtHeight = { height?: number };

export type TrieHead = { height: number; root: Uint8Array };

export interface Trie {
  readonly hash: HashAlgorithm;
  readonly db: KVStore;
  get(key: Uint8Array, at?: AtHeight): Promise<Uint8Array | null>;
  /** Sets the key's value; an empty value deletes the key. */
  put(key: Uint8Array, value: Uint8Array): Promise<void>;
  del(key: Uint8Array): Promise<void>;
  /**
   * Applies the operations in order; the root is computed once, when asked for. Should the store
   * fail while nodes are loaded, the operations before the failing one stay applied: wrap the
   * batch in checkpoint() and revert() where it must be all or nothing.
   */
  batch(ops: readonly TrieBatchOp[]): Promise<void>;
  root(): Promise<Uint8Array>;
  createProof(key: Uint8Array, at?: AtHeight): Promise<Uint8Array[]>;
  /**
   * Entries in key order, from `gte` on and before `lt`. They are read in chunks of up to 256;
   * a change made between two chunks is seen if it lies ahead of the iteration.
   */
  entries(range?: { gte?: Uint8Array; lt?: Uint8Array } & AtHeight): AsyncIterableIterator<Entry>;
  checkpoint(): Promise<void>;
  commit(): Promise<void>;
  revert(): Promise<void>;
  /** Open checkpoints. */
  readonly checkpoints: number;
  /** Stores the new nodes and the root of `height` in one atomic batch; returns the root. */
  persist(height: number): Promise<Uint8Array>;
  /** The last persisted height and root, if any. */
  head(): Promise<TrieHead | null>;
  /** The root persisted at `height`, if it is still kept. */
  rootAt(height: number): Promise<Uint8Array | null>;
  /** Deletes the stored nodes that no kept root reaches. */
  prune(): Promise<PruneResult>;
  /** The trie's nodes in Wasm memory: records and bytes (records and blobs). */
  memoryUsage(): Promise<{ nodes: number; bytes: number }>;
  /** Frees the trie's Wasm memory (the store stays open). */
  close(): Promise<void>;
}

/** A state trie hashing with `options.hash`, stored in `options.db` (in memory if omitted). */
export function createTrie(options: TrieOptions): Trie {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createTrie needs options with `hash`');
  }
  return new StateTrie(options);
}
