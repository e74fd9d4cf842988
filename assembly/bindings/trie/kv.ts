// The small key-value interface the trie stores its nodes and roots in. Implementations: the
// in-memory MemoryKV (memory-kv.ts, isomorphic) and LevelKV (node/store/level-kv.ts, LevelDB,
// Node only: the `account.db` of DESIGN.md).

export type KVOperation =
  | { type: 'put'; key: Uint8Array; value: Uint8Array }
  | { type: 'del'; key: Uint8Array };

export type KVRange = { gte: Uint8Array; lt: Uint8Array };

export interface KVStore {
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
  getMany(keys: readonly Uint8Array[]): Promise<(Uint8Array | undefined)[]>;
  /** Applies every operation or, after a crash at any instant, none of them. */
  batch(operations: readonly KVOperation[]): Promise<void>;
  /** The keys in [gte, lt), in byte order. */
  keys(range: KVRange): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

/** Byte-order comparison of two keys. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
