// The Wasm trie handles one trie owns: its current trie, and snapshots opened on the roots of
// recent heights for reads at a height (the last few used stay open). Freed by free(), or by a
// finalizer should the trie be dropped without close().
import { TrieStoreError, TrieStoreErrorCode } from './errors.ts';
import { type Kernel, trieKernel } from './kernel.ts';
import { compareBytes, type KVStore } from './kv.ts';
import { rootAt } from './persistence.ts';

/** Snapshots of heights kept open. */
const SNAPSHOTS = 2;
/** Bytes of one node record in Wasm memory (assembly/trie/node.ts). */
const NODE_BYTES = 128;

const registry = new FinalizationRegistry<number[]>((owned) => {
  const k = trieKernel();
  for (const handle of owned) k.wasm.trieFree(handle);
});

function emptyRoot(k: Kernel, alg: number): Uint8Array {
  const at = k.io(33);
  k.bytes()[at] = 0x80;
  k.wasm.hashDigest(alg, at, 1, at + 1);
  return k.bytes().slice(at + 1, at + 33);
}

export class TrieHandles {
  readonly #k: Kernel;
  readonly #alg: number;
  /** The root of the empty trie under this trie's hash. */
  readonly emptyRoot: Uint8Array;
  /** The handle of the current trie. */
  readonly main: number;
  /** Handles owned (the current trie's first, then snapshots); freed by free or the finalizer. */
  readonly #owned: number[];
  /** Snapshot handles by height, the least recently used first. */
  readonly #snapshots = new Map<number, number>();

  /** Handles owned by `owner`: freed when it is garbage collected, unless free() came first. */
  constructor(k: Kernel, alg: number, owner: object) {
    this.#k = k;
    this.#alg = alg;
    this.emptyRoot = emptyRoot(k, alg);
    this.main = k.wasm.trieCreate(alg) >>> 0;
    this.#owned = [this.main];
    registry.register(owner, this.#owned, owner);
  }

  setRoot(handle: number, root: Uint8Array): void {
    const at = this.#k.io(32);
    this.#k.bytes().set(root, at);
    const empty = compareBytes(root, this.emptyRoot) === 0;
    this.#k.wasm.trieSetRoot(handle, at, empty ? 1 : 0);
  }

  /** The handle's nodes in Wasm memory: records and bytes (records and blobs). */
  usage(handle: number): { nodes: number; bytes: number } {
    this.#k.wasm.trieStats(handle);
    const nodes = this.#k.result(0);
    return { nodes, bytes: nodes * NODE_BYTES + this.#k.result(4) };
  }

  /** A snapshot of the trie at `height`, opened on the root `db` keeps for it unless open. */
  async snapshot(height: number, db: KVStore): Promise<number> {
    const known = this.#snapshots.get(height);
    if (known !== undefined) {
      this.#snapshots.delete(height);
      this.#snapshots.set(height, known);
      return known;
    }
    const root = await rootAt(db, height);
    if (root === null) {
      throw new TrieStoreError(TrieStoreErrorCode.UNKNOWN_HEIGHT, `no root kept for ${height}`, {
        height,
      });
    }
    const handle = this.#k.wasm.trieCreate(this.#alg) >>> 0;
    this.#owned.push(handle);
    this.setRoot(handle, root);
    this.#snapshots.set(height, handle);
    if (this.#snapshots.size > SNAPSHOTS) {
      const [oldest] = this.#snapshots.keys();
      this.dropSnapshot(oldest as number);
    }
    return handle;
  }

  dropSnapshot(height: number): void {
    const handle = this.#snapshots.get(height);
    if (handle === undefined) return;
    this.#snapshots.delete(height);
    this.#owned.splice(this.#owned.indexOf(handle), 1);
    this.#k.wasm.trieFree(handle);
  }

  dropSnapshotsBelow(height: number): void {
    for (const snapshot of [...this.#snapshots.keys()]) {
      if (snapshot < height) this.dropSnapshot(snapshot);
    }
  }

  /** Frees every handle; `owner` is the one given to the constructor. */
  free(owner: object): void {
    registry.unregister(owner);
    for (const handle of this.#owned) this.#k.wasm.trieFree(handle);
    this.#owned.length = 0;
    this.#snapshots.clear();
  }
}
