// The Trie of createTrie. The nodes live in the trie module's Wasm memory; the calls are
// serialised (call-queue.ts), missing nodes are loaded from the KVStore (handle-ops.ts), new nodes
// are persisted with the root record in one atomic batch (persistence.ts), and the roots of
// recent heights stay readable through snapshots (trie-handles.ts).
import type { HashAlgorithm } from '../hash-kernel.ts';
import { assertAlgorithm, assertKey, assertRoot, assertValue } from './args.ts';
import { CallQueue, guard } from './call-queue.ts';
import { type EntryRange, iterateEntries } from './entries.ts';
import {
  applyOps,
  computeRoot,
  createProofOf,
  type Entry,
  getValue,
  iterateChunk,
  type TrieBatchOp,
} from './handle-ops.ts';
import { ALGORITHM_IDS, trieKernel } from './kernel.ts';
import type { KVStore } from './kv.ts';
import { MemoryKV } from './memory-kv.ts';
import { NodeSource } from './node-source.ts';
import { assertHeight, keptRoots, persistOps, readHead, rootAt } from './persistence.ts';
import { type PruneResult, pruneStore } from './prune.ts';
import type { AtHeight, Trie, TrieHead, TrieOptions } from './trie.ts';
import { TrieHandles } from './trie-handles.ts';

const DEFAULT_CACHE_BYTES = 256 * 1024 * 1024;
const DEFAULT_RETAIN_ROOTS = 128;
const DEFAULT_CACHE_NODES = 4096;

function copyOp(op: TrieBatchOp): TrieBatchOp {
  return op.type === 'put'
    ? { type: 'put', key: op.key.slice(), value: op.value.slice() }
    : { type: 'del', key: op.key.slice() };
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}

export class StateTrie implements Trie {
  readonly hash: HashAlgorithm;
  readonly db: KVStore;
  readonly #k = trieKernel();
  readonly #source: NodeSource;
  readonly #cacheBytes: number;
  readonly #retainRoots: number;
  readonly #handles: TrieHandles;
  /** The current trie's handle. */
  readonly #handle: number;
  readonly #calls = new CallQueue();
  #head: TrieHead | null = null;
  /** The root given to createTrie, if any: pruning keeps what it reaches too. */
  #openedAt: Uint8Array | null = null;
  #depth = 0;

  constructor(options: TrieOptions) {
    assertAlgorithm(options.hash);
    if (options.root !== undefined) assertRoot(options.root, 'options.root');
    this.hash = options.hash;
    this.db = options.db ?? new MemoryKV();
    const alg = ALGORITHM_IDS[options.hash];
    this.#cacheBytes = positiveInteger(options.cacheBytes, DEFAULT_CACHE_BYTES, 'cacheBytes');
    this.#retainRoots = Math.max(
      1,
      positiveInteger(options.retainRoots, DEFAULT_RETAIN_ROOTS, 'retainRoots'),
    );
    this.#source = new NodeSource(
      this.db,
      positiveInteger(options.cacheNodes, DEFAULT_CACHE_NODES, 'cacheNodes'),
    );
    this.#handles = new TrieHandles(this.#k, alg, this);
    this.#handle = this.#handles.main;
    const root = options.root;
    void this.#calls
      .run(() => this.#open(root))
      .catch((error: unknown) => {
        this.#calls.fail(error);
      });
  }

  get checkpoints(): number {
    return this.#depth;
  }

  async #open(root: Uint8Array | undefined): Promise<void> {
    this.#head = await readHead(this.db);
    if (root !== undefined) this.#openedAt = root.slice();
    this.#handles.setRoot(this.#handle, root ?? this.#head?.root ?? this.#handles.emptyRoot);
  }

  /** Runs a read on the current trie or on the snapshot of `at.height`. */
  #read<T>(at: AtHeight | undefined, read: (handle: number) => T | Promise<T>): Promise<T> {
    const height = at?.height;
    if (height === undefined) return this.#calls.run(() => read(this.#handle));
    assertHeight(height);
    return this.#calls.run(async () => {
      const handle = await this.#handles.snapshot(height, this.db);
      const result = await read(handle);
      if (this.#handles.usage(handle).bytes > this.#cacheBytes / 8) {
        this.#handles.dropSnapshot(height);
      }
      return result;
    });
  }

  get(key: Uint8Array, at?: AtHeight): Promise<Uint8Array | null> {
    return guard(() => {
      assertKey(key);
      const own = this.#calls.busy ? key.slice() : key;
      return this.#read(at, (handle) => getValue(this.#k, this.#source, handle, own));
    });
  }

  put(key: Uint8Array, value: Uint8Array): Promise<void> {
    return this.batch([{ type: 'put', key, value }]);
  }

  del(key: Uint8Array): Promise<void> {
    return this.batch([{ type: 'del', key }]);
  }

  batch(ops: readonly TrieBatchOp[]): Promise<void> {
    return guard(() => {
      if (!Array.isArray(ops)) throw new TypeError('ops must be an array');
      for (const op of ops) {
        if (typeof op !== 'object' || op === null) throw new TypeError('ops must be objects');
        assertKey(op.key, 'op.key');
        if (op.type === 'put') assertValue(op.value);
        else if (op.type !== 'del') throw new TypeError(`unknown op type ${String(op.type)}`);
      }
      // A call that waits must not see the caller's later changes to its arrays.
      const own = this.#calls.busy ? ops.map(copyOp) : ops;
      return this.#calls.run(() => applyOps(this.#k, this.#source, this.#handle, own));
    });
  }

  root(): Promise<Uint8Array> {
    return this.#calls.run(() => computeRoot(this.#k, this.#handle));
  }

  createProof(key: Uint8Array, at?: AtHeight): Promise<Uint8Array[]> {
    return guard(() => {
      assertKey(key);
      const own = this.#calls.busy ? key.slice() : key;
      return this.#read(at, (handle) => createProofOf(this.#k, this.#source, handle, own));
    });
  }

  entries(range: EntryRange & AtHeight = {}): AsyncIterableIterator<Entry> {
    return iterateEntries(range, (start, after) =>
      this.#read(range, (handle) => iterateChunk(this.#k, this.#source, handle, start, after)),
    );
  }

  checkpoint(): Promise<void> {
    return this.#calls.run(() => {
      this.#k.wasm.trieCheckpoint(this.#handle);
      this.#depth++;
    });
  }

  commit(): Promise<void> {
    return this.#calls.run(() => {
      if (this.#depth === 0) throw new TypeError('commit() without an open checkpoint');
      this.#k.wasm.trieCommit(this.#handle);
      this.#depth--;
    });
  }

  revert(): Promise<void> {
    return this.#calls.run(() => {
      if (this.#depth === 0) throw new TypeError('revert() without an open checkpoint');
      this.#k.wasm.trieRevert(this.#handle);
      this.#depth--;
    });
  }

  persist(height: number): Promise<Uint8Array> {
    return guard(() => {
      assertHeight(height);
      return this.#calls.run(() => this.#persist(height));
    });
  }

  async #persist(height: number): Promise<Uint8Array> {
    if (this.#depth > 0) throw new TypeError('persist() with a checkpoint open: commit or revert');
    if (this.#head !== null && height <= this.#head.height) {
      throw new RangeError(`height ${height} is not above the last persisted ${this.#head.height}`);
    }
    const k = this.#k;
    const root = computeRoot(k, this.#handle);
    const oldest = height - this.#retainRoots + 1;
    await this.db.batch(await persistOps(k, this.db, this.#handle, height, root, oldest));
    // Only now that the store has them do the nodes stop being NEW.
    k.wasm.triePersistDone(this.#handle);
    k.wasm.trieNextEpoch(this.#handle);
    this.#head = { height, root };
    this.#openedAt = null;
    if (this.#handles.usage(this.#handle).bytes > this.#cacheBytes) {
      k.wasm.trieEvict(this.#handle, this.#cacheBytes / 2);
    }
    this.#handles.dropSnapshotsBelow(oldest);
    return root;
  }

  head(): Promise<TrieHead | null> {
    return this.#calls.run(
      () => this.#head && { height: this.#head.height, root: this.#head.root },
    );
  }

  rootAt(height: number): Promise<Uint8Array | null> {
    return guard(() => {
      assertHeight(height);
      return this.#calls.run(() => rootAt(this.db, height));
    });
  }

  prune(): Promise<PruneResult> {
    return this.#calls.run(async () => {
      const roots = await keptRoots(this.db, this.#head, this.#openedAt);
      return pruneStore(this.#k, this.db, this.#source, roots);
    });
  }

  memoryUsage(): Promise<{ nodes: number; bytes: number }> {
    return this.#calls.run(() => this.#handles.usage(this.#handle));
  }

  close(): Promise<void> {
    // Calls made from now on fail at once; calls made before run first.
    return this.#calls.close(() => this.#handles.free(this));
  }
}
