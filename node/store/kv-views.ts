// Two views of one KVStore. `prefixedKV` gives a trie a key space of its own inside a shared
// store (each contract's storage trie in account.db). `groupedKV` lets several tries persist in
// one atomic write: between `begin` and `flush`, batches are collected instead of written.
import type { KVOperation, KVRange, KVStore } from '../../assembly/bindings/trie/kv.ts';

const joined = (prefix: Uint8Array, key: Uint8Array): Uint8Array => {
  const out = new Uint8Array(prefix.length + key.length);
  out.set(prefix);
  out.set(key, prefix.length);
  return out;
};

export function prefixedKV(db: KVStore, prefix: Uint8Array): KVStore {
  return {
    get: (key) => db.get(joined(prefix, key)),
    getMany: (keys) => db.getMany(keys.map((key) => joined(prefix, key))),
    batch: (operations) =>
      db.batch(operations.map((op) => ({ ...op, key: joined(prefix, op.key) }) as KVOperation)),
    async *keys(range: KVRange) {
      const inner = { gte: joined(prefix, range.gte), lt: joined(prefix, range.lt) };
      for await (const key of db.keys(inner)) yield key.subarray(prefix.length);
    },
    close: async () => {}, // the shared store is closed by its owner
  };
}

export interface GroupedKV extends KVStore {
  /** From now on, batches are collected. */
  begin(): void;
  /** Writes everything collected since `begin` as one batch. */
  flush(): Promise<void>;
}

export function groupedKV(db: KVStore): GroupedKV {
  let pending: KVOperation[] | null = null;
  return {
    get: (key) => db.get(key),
    getMany: (keys) => db.getMany(keys),
    keys: (range) => db.keys(range),
    close: () => db.close(),
    async batch(operations) {
      if (pending) pending.push(...operations);
      else await db.batch(operations);
    },
    begin() {
      if (pending) throw new Error('a group is already open');
      pending = [];
    },
    async flush() {
      const operations = pending ?? [];
      pending = null;
      if (operations.length > 0) await db.batch(operations);
    },
  };
}
