// LevelKV: the trie's KVStore on LevelDB (`level`, classic-level in Node): the `account.db` of
// DESIGN.md. Node only; nothing outside node/ and tests imports it.
//
// A batch is one LevelDB write batch: it reaches the write-ahead log as one record, so after a
// crash at any instant either all of it or none of it is there. Writes are synced (fsync) by
// default, so a batch that resolved survives a power cut too; `sync: false` keeps it to the OS.

import { Level } from 'level';
import type { KVOperation, KVRange, KVStore } from '../../assembly/bindings/trie/kv.ts';

export type LevelKVOptions = {
  /** fsync every batch before it resolves (default true). */
  sync?: boolean;
};

type Bytes = Uint8Array;

/** classic-level hands out Buffers; the KVStore gives plain Uint8Arrays (views, no copy). */
function plain(bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype
    ? bytes
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class LevelKV implements KVStore {
  readonly location: string;
  readonly #db: Level<Bytes, Bytes>;
  readonly #sync: boolean;

  private constructor(location: string, db: Level<Bytes, Bytes>, sync: boolean) {
    this.location = location;
    this.#db = db;
    this.#sync = sync;
  }

  /** Opens (creating if needed) the LevelDB database at `location`. */
  static async open(location: string, options: LevelKVOptions = {}): Promise<LevelKV> {
    if (typeof location !== 'string' || location === '') {
      throw new TypeError('location must be a non-empty path');
    }
    const db = new Level<Bytes, Bytes>(location, { keyEncoding: 'view', valueEncoding: 'view' });
    await db.open();
    return new LevelKV(location, db, options.sync ?? true);
  }

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    const value = await this.#db.get(key);
    return value === undefined ? undefined : plain(value);
  }

  async getMany(keys: readonly Uint8Array[]): Promise<(Uint8Array | undefined)[]> {
    if (keys.length === 0) return [];
    const values = await this.#db.getMany([...keys]);
    return values.map((value) => (value === undefined ? undefined : plain(value)));
  }

  async batch(operations: readonly KVOperation[]): Promise<void> {
    if (operations.length === 0) return;
    await this.#db.batch(
      operations.map((op) =>
        op.type === 'put'
          ? { type: 'put' as const, key: op.key, value: op.value }
          : { type: 'del' as const, key: op.key },
      ),
      { sync: this.#sync },
    );
  }

  async *keys(range: KVRange): AsyncIterable<Uint8Array> {
    for await (const key of this.#db.keys({ gte: range.gte, lt: range.lt })) yield plain(key);
  }

  async close(): Promise<void> {
    await this.#db.close();
  }
}

/** Opens (creating if needed) the LevelDB KVStore at `location`. */
export function openLevelKV(location: string, options: LevelKVOptions = {}): Promise<LevelKV> {
  return LevelKV.open(location, options);
}
