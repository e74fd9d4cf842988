// An in-memory KVStore (isomorphic): a Map keyed by the bytes as a latin1 string. Values are
// copied in and out, so callers may reuse their arrays.
import { compareBytes, type KVOperation, type KVRange, type KVStore } from './kv.ts';
import { fromLatin1 as keyBytes, latin1 as keyString } from './latin1.ts';

function assertKeyBytes(key: unknown): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array)) throw new TypeError('keys must be Uint8Array');
}

export class MemoryKV implements KVStore {
  readonly #map = new Map<string, Uint8Array>();
  #closed = false;

  /** Number of entries (for tests and statistics). */
  get size(): number {
    return this.#map.size;
  }

  #open(): void {
    if (this.#closed) throw new TypeError('MemoryKV is closed');
  }

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    this.#open();
    assertKeyBytes(key);
    return this.#map.get(keyString(key))?.slice();
  }

  async getMany(keys: readonly Uint8Array[]): Promise<(Uint8Array | undefined)[]> {
    this.#open();
    return keys.map((key) => {
      assertKeyBytes(key);
      return this.#map.get(keyString(key))?.slice();
    });
  }

  async batch(operations: readonly KVOperation[]): Promise<void> {
    this.#open();
    // Check everything first: a batch applies entirely or not at all.
    for (const op of operations) {
      assertKeyBytes(op.key);
      if (op.type === 'put' && !(op.value instanceof Uint8Array)) {
        throw new TypeError('values must be Uint8Array');
      }
      if (op.type !== 'put' && op.type !== 'del') throw new TypeError(`unknown operation type`);
    }
    for (const op of operations) {
      if (op.type === 'put') this.#map.set(keyString(op.key), op.value.slice());
      else this.#map.delete(keyString(op.key));
    }
  }

  async *keys(range: KVRange): AsyncIterable<Uint8Array> {
    this.#open();
    const keys: Uint8Array[] = [];
    for (const text of this.#map.keys()) {
      const key = keyBytes(text);
      if (compareBytes(key, range.gte) >= 0 && compareBytes(key, range.lt) < 0) keys.push(key);
    }
    keys.sort(compareBytes);
    yield* keys;
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}
