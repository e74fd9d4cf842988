// Lazy loading: when a Wasm call reports unloaded nodes (HASH stubs), their encodings come from
// the store, through a small LRU cache of encodings, and are decoded into the stubs in place.
import { toHex } from './args.ts';
import { TrieStoreError, TrieStoreErrorCode } from './errors.ts';
import { type Kernel, NODE_REF_OFFSET } from './kernel.ts';
import type { KVStore } from './kv.ts';
import { latin1 } from './latin1.ts';
import { nodeKey } from './store-keys.ts';

export class NodeSource {
  readonly #db: KVStore;
  readonly #cache = new Map<string, Uint8Array>();
  readonly #capacity: number;

  constructor(db: KVStore, capacity: number) {
    this.#db = db;
    this.#capacity = capacity;
  }

  /** The encodings of the nodes with these hashes (undefined where the store has none). */
  async fetch(hashes: readonly Uint8Array[]): Promise<(Uint8Array | undefined)[]> {
    const found: (Uint8Array | undefined)[] = new Array(hashes.length);
    const misses: number[] = [];
    for (let i = 0; i < hashes.length; i++) {
      const id = latin1(hashes[i] as Uint8Array);
      const hit = this.#cache.get(id);
      if (hit === undefined) {
        misses.push(i);
        continue;
      }
      this.#cache.delete(id);
      this.#cache.set(id, hit);
      found[i] = hit;
    }
    if (misses.length > 0) {
      const values = await this.#db.getMany(misses.map((i) => nodeKey(hashes[i] as Uint8Array)));
      misses.forEach((i, n) => {
        const value = values[n];
        found[i] = value;
        if (value !== undefined) this.remember(hashes[i] as Uint8Array, value);
      });
    }
    return found;
  }

  remember(hash: Uint8Array, encoding: Uint8Array): void {
    if (this.#capacity === 0) return;
    this.#cache.set(latin1(hash), encoding);
    if (this.#cache.size > this.#capacity) {
      const oldest = this.#cache.keys().next().value as string;
      this.#cache.delete(oldest);
    }
  }

  /** Loads every stub the last call of `handle` listed as missing. */
  async loadMissing(k: Kernel, handle: number): Promise<void> {
    const count = k.wasm.missingLength();
    const list = k.wasm.missingPointer() >>> 0;
    const stubs: number[] = [];
    const hashes: Uint8Array[] = [];
    const view = k.view();
    for (let i = 0; i < count; i++) {
      const stub = view.getUint32(list + 4 * i, true);
      stubs.push(stub);
      hashes.push(k.bytes().slice(stub + NODE_REF_OFFSET, stub + NODE_REF_OFFSET + 32));
    }
    const encodings = await this.fetch(hashes);
    for (let i = 0; i < count; i++) {
      const encoding = encodings[i];
      const hash = hashes[i] as Uint8Array;
      if (encoding === undefined) {
        throw new TrieStoreError(TrieStoreErrorCode.MISSING_NODE, 'node not in the store', {
          hash: toHex(hash),
        });
      }
      const at = k.loadArea(encoding.length);
      k.bytes().set(encoding, at);
      const status = k.wasm.trieLoad(handle, stubs[i] as number, at, encoding.length);
      if (status !== 0) {
        throw new TrieStoreError(
          TrieStoreErrorCode.CORRUPT_NODE,
          status === 1 ? 'stored node does not hash to its key' : 'stored node does not decode',
          { hash: toHex(hash) },
        );
      }
    }
  }
}
