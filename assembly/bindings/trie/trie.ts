// createTrie: the state trie of DESIGN.md. The nodes live in the trie module's Wasm memory;
// this class serialises the calls, loads missing nodes from the KVStore, persists new nodes with
// the root record in one atomic batch, and keeps the roots of recent heights readable.
import type { HashAlgorithm } from '../hash-kernel.ts';
import { assertAlgorithm, assertBytes, assertKey, assertRoot, assertValue } from './args.ts';
import { TrieStoreError, TrieStoreErrorCode } from './errors.ts';
import {
  applyOps,
  type Chunk,
  computeRoot,
  createProofOf,
  type Entry,
  getValue,
  iterateChunk,
  type TrieBatchOp,
} from './handle-ops.ts';
import { ALGORITHM_IDS, type Kernel, trieKernel } from './kernel.ts';
import { compareBytes, type KVOperation, type KVStore } from './kv.ts';
import { MemoryKV } from './memory-kv.ts';
import { NodeSource } from './node-source.ts';
import { type PruneResult, pruneStore } from './prune.ts';
import {
  decodeHead,
  encodeHead,
  HEAD_KEY,
  heightOfRootKey,
  NODE_BUCKET,
  ROOT_RANGE,
  rootKey,
} from './store-keys.ts';

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

const DEFAULT_CACHE_BYTES = 256 * 1024 * 1024;
const DEFAULT_RETAIN_ROOTS = 128;
const SNAPSHOTS = 2;
/** Bytes of one node record in Wasm memory (assembly/trie/node.ts). */
const NODE_BYTES = 128;

const noop = (): void => {};

const handles = new FinalizationRegistry<number[]>((owned) => {
  const k = trieKernel();
  for (const handle of owned) k.wasm.trieFree(handle);
});

function emptyRoot(k: Kernel, alg: number): Uint8Array {
  const at = k.io(33);
  k.bytes()[at] = 0x80;
  k.wasm.hashDigest(alg, at, 1, at + 1);
  return k.bytes().slice(at + 1, at + 33);
}

/** Misuse found while checking arguments rejects the returned promise, like any other failure. */
function guard<T>(start: () => Promise<T>): Promise<T> {
  try {
    return start();
  } catch (error) {
    return Promise.reject(error);
  }
}

function copyOp(op: TrieBatchOp): TrieBatchOp {
  return op.type === 'put'
    ? { type: 'put', key: op.key.slice(), value: op.value.slice() }
    : { type: 'del', key: op.key.slice() };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return compareBytes(a, b) === 0;
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}

function assertHeight(height: unknown): asserts height is number {
  if (typeof height !== 'number' || !Number.isSafeInteger(height) || height < 0) {
    throw new RangeError(`height must be a non-negative safe integer, got ${String(height)}`);
  }
}

class StateTrie implements Trie {
  readonly hash: HashAlgorithm;
  readonly db: KVStore;
  readonly #k = trieKernel();
  readonly #alg: number;
  readonly #emptyRoot: Uint8Array;
  readonly #source: NodeSource;
  readonly #cacheBytes: number;
  readonly #retainRoots: number;
  /** Handles owned (the trie's first, then snapshots); freed by close or the finalizer. */
  readonly #owned: number[];
  readonly #handle: number;
  readonly #snapshots = new Map<number, number>();
  #head: TrieHead | null = null;
  /** The root given to createTrie, if any: pruning keeps what it reaches too. */
  #openedAt: Uint8Array | null = null;
  #depth = 0;
  #pending = 0;
  #tail: Promise<unknown> = Promise.resolve();
  #closed = false;
  /** Why the trie could not be opened: every call fails with it. */
  #broken: unknown = undefined;

  constructor(options: TrieOptions) {
    assertAlgorithm(options.hash);
    if (options.root !== undefined) assertRoot(options.root, 'options.root');
    this.hash = options.hash;
    this.db = options.db ?? new MemoryKV();
    this.#alg = ALGORITHM_IDS[options.hash];
    this.#cacheBytes = positiveInteger(options.cacheBytes, DEFAULT_CACHE_BYTES, 'cacheBytes');
    this.#retainRoots = Math.max(
      1,
      positiveInteger(options.retainRoots, DEFAULT_RETAIN_ROOTS, 'retainRoots'),
    );
    this.#source = new NodeSource(this.db, positiveInteger(options.cacheNodes, 4096, 'cacheNodes'));
    this.#emptyRoot = emptyRoot(this.#k, this.#alg);
    this.#handle = this.#k.wasm.trieCreate(this.#alg) >>> 0;
    this.#owned = [this.#handle];
    handles.register(this, this.#owned, this);
    const root = options.root;
    void this.#run(() => this.#open(root)).catch((error: unknown) => {
      this.#broken = error;
    });
  }

  get checkpoints(): number {
    return this.#depth;
  }

  /** Whether a call now would wait behind another (its inputs must then be copied). */
  get #busy(): boolean {
    return this.#pending > 0;
  }

  /**
   * Runs tasks one at a time in call order; a task that needs no I/O runs at once. Nothing runs
   * after close() was called, nor after the store failed while the trie was being opened.
   */
  #run<T>(task: () => T | Promise<T>, closing = false): Promise<T> {
    if (this.#closed && !closing) return Promise.reject(new TypeError('the trie is closed'));
    const checked = (): T | Promise<T> => {
      if (this.#broken !== undefined) throw this.#broken;
      return task();
    };
    return this.#schedule(closing ? task : checked);
  }

  #schedule<T>(task: () => T | Promise<T>): Promise<T> {
    if (this.#pending === 0) {
      let result: T | Promise<T>;
      try {
        result = task();
      } catch (error) {
        return Promise.reject(error);
      }
      if (!(result instanceof Promise)) return Promise.resolve(result);
      return this.#track(result);
    }
    return this.#track(this.#tail.then(task));
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#pending++;
    const settled = promise.finally(() => {
      this.#pending--;
    });
    this.#tail = settled.then(noop, noop);
    return settled;
  }

  async #open(root: Uint8Array | undefined): Promise<void> {
    const stored = await this.db.get(HEAD_KEY);
    if (stored !== undefined) this.#head = decodeHead(stored);
    if (root !== undefined) this.#openedAt = root.slice();
    this.#setRoot(this.#handle, root ?? this.#head?.root ?? this.#emptyRoot);
  }

  #setRoot(handle: number, root: Uint8Array): void {
    const at = this.#k.io(32);
    this.#k.bytes().set(root, at);
    this.#k.wasm.trieSetRoot(handle, at, sameBytes(root, this.#emptyRoot) ? 1 : 0);
  }

  async #snapshot(height: number): Promise<number> {
    const known = this.#snapshots.get(height);
    if (known !== undefined) {
      this.#snapshots.delete(height);
      this.#snapshots.set(height, known);
      return known;
    }
    const root = await this.#rootAt(height);
    if (root === null) {
      throw new TrieStoreError(TrieStoreErrorCode.UNKNOWN_HEIGHT, `no root kept for ${height}`, {
        height,
      });
    }
    const handle = this.#k.wasm.trieCreate(this.#alg) >>> 0;
    this.#owned.push(handle);
    this.#setRoot(handle, root);
    this.#snapshots.set(height, handle);
    if (this.#snapshots.size > SNAPSHOTS) {
      const [oldest] = this.#snapshots.keys();
      this.#dropSnapshot(oldest as number);
    }
    return handle;
  }

  #dropSnapshot(height: number): void {
    const handle = this.#snapshots.get(height);
    if (handle === undefined) return;
    this.#snapshots.delete(height);
    this.#owned.splice(this.#owned.indexOf(handle), 1);
    this.#k.wasm.trieFree(handle);
  }

  /** Runs a read on the current trie or on the snapshot of `at.height`. */
  #read<T>(at: AtHeight | undefined, read: (handle: number) => T | Promise<T>): Promise<T> {
    const height = at?.height;
    if (height === undefined) return this.#run(() => read(this.#handle));
    assertHeight(height);
    return this.#run(async () => {
      const handle = await this.#snapshot(height);
      const result = await read(handle);
      if (this.#usage(handle).bytes > this.#cacheBytes / 8) {
        this.#dropSnapshot(height);
      }
      return result;
    });
  }

  get(key: Uint8Array, at?: AtHeight): Promise<Uint8Array | null> {
    return guard(() => {
      assertKey(key);
      const own = this.#busy ? key.slice() : key;
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
      const own = this.#busy ? ops.map(copyOp) : ops;
      return this.#run(() => applyOps(this.#k, this.#source, this.#handle, own));
    });
  }

  root(): Promise<Uint8Array> {
    return this.#run(() => computeRoot(this.#k, this.#handle));
  }

  createProof(key: Uint8Array, at?: AtHeight): Promise<Uint8Array[]> {
    return guard(() => {
      assertKey(key);
      const own = this.#busy ? key.slice() : key;
      return this.#read(at, (handle) => createProofOf(this.#k, this.#source, handle, own));
    });
  }

  async *entries(
    range: { gte?: Uint8Array; lt?: Uint8Array } & AtHeight = {},
  ): AsyncIterableIterator<Entry> {
    if (range.gte !== undefined) assertKey(range.gte, 'gte');
    if (range.lt !== undefined) assertBytes(range.lt, 'lt');
    let start = range.gte ?? new Uint8Array(0);
    let after = false;
    for (;;) {
      const chunk: Chunk = await this.#read(range, (handle) =>
        iterateChunk(this.#k, this.#source, handle, start, after),
      );
      for (const entry of chunk.entries) {
        if (range.lt !== undefined && compareBytes(entry[0], range.lt) >= 0) return;
        yield entry;
      }
      if (chunk.done) return;
      const last = chunk.entries.at(-1);
      if (last !== undefined) {
        start = last[0];
        after = true;
      }
    }
  }

  checkpoint(): Promise<void> {
    return this.#run(() => {
      this.#k.wasm.trieCheckpoint(this.#handle);
      this.#depth++;
    });
  }

  commit(): Promise<void> {
    return this.#run(() => {
      if (this.#depth === 0) throw new TypeError('commit() without an open checkpoint');
      this.#k.wasm.trieCommit(this.#handle);
      this.#depth--;
    });
  }

  revert(): Promise<void> {
    return this.#run(() => {
      if (this.#depth === 0) throw new TypeError('revert() without an open checkpoint');
      this.#k.wasm.trieRevert(this.#handle);
      this.#depth--;
    });
  }

  persist(height: number): Promise<Uint8Array> {
    return guard(() => {
      assertHeight(height);
      return this.#run(() => this.#persist(height));
    });
  }

  async #persist(height: number): Promise<Uint8Array> {
    if (this.#depth > 0) throw new TypeError('persist() with a checkpoint open: commit or revert');
    if (this.#head !== null && height <= this.#head.height) {
      throw new RangeError(`height ${height} is not above the last persisted ${this.#head.height}`);
    }
    const k = this.#k;
    const root = computeRoot(k, this.#handle);
    k.wasm.triePersistCollect(this.#handle);
    const ops: KVOperation[] = [];
    const view = k.view();
    const bytes = k.bytes();
    let at = k.result(0);
    const count = k.result(8);
    for (let i = 0; i < count; i++) {
      const length = view.getUint32(at + 32, true);
      const key = new Uint8Array(33);
      key[0] = NODE_BUCKET;
      key.set(bytes.subarray(at, at + 32), 1);
      ops.push({ type: 'put', key, value: bytes.slice(at + 36, at + 36 + length) });
      at += 36 + length;
    }
    ops.push({ type: 'put', key: rootKey(height), value: root });
    ops.push({ type: 'put', key: HEAD_KEY, value: encodeHead(height, root) });
    const oldest = height - this.#retainRoots + 1;
    if (oldest > 0) {
      for await (const key of this.db.keys({ gte: ROOT_RANGE.gte, lt: rootKey(oldest) })) {
        ops.push({ type: 'del', key });
      }
    }
    await this.db.batch(ops);
    // Only now that the store has them do the nodes stop being NEW.
    k.wasm.triePersistDone(this.#handle);
    k.wasm.trieNextEpoch(this.#handle);
    this.#head = { height, root };
    this.#openedAt = null;
    if (this.#usage(this.#handle).bytes > this.#cacheBytes) {
      k.wasm.trieEvict(this.#handle, this.#cacheBytes / 2);
    }
    for (const snapshot of [...this.#snapshots.keys()]) {
      if (snapshot < oldest) this.#dropSnapshot(snapshot);
    }
    return root;
  }

  head(): Promise<TrieHead | null> {
    return this.#run(() => this.#head && { height: this.#head.height, root: this.#head.root });
  }

  async #rootAt(height: number): Promise<Uint8Array | null> {
    return (await this.db.get(rootKey(height))) ?? null;
  }

  rootAt(height: number): Promise<Uint8Array | null> {
    return guard(() => {
      assertHeight(height);
      return this.#run(() => this.#rootAt(height));
    });
  }

  prune(): Promise<PruneResult> {
    return this.#run(async () => {
      const roots: Uint8Array[] = [];
      for await (const key of this.db.keys(ROOT_RANGE)) {
        const root = await this.#rootAt(heightOfRootKey(key));
        if (root !== null) roots.push(root);
      }
      if (this.#head !== null) roots.push(this.#head.root);
      if (this.#openedAt !== null) roots.push(this.#openedAt);
      return pruneStore(this.#k, this.db, this.#source, roots);
    });
  }

  #usage(handle: number): { nodes: number; bytes: number } {
    this.#k.wasm.trieStats(handle);
    const nodes = this.#k.result(0);
    return { nodes, bytes: nodes * NODE_BYTES + this.#k.result(4) };
  }

  memoryUsage(): Promise<{ nodes: number; bytes: number }> {
    return this.#run(() => this.#usage(this.#handle));
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    // Calls made from now on fail at once; calls made before run first.
    this.#closed = true;
    return this.#run(() => {
      handles.unregister(this);
      for (const handle of this.#owned) this.#k.wasm.trieFree(handle);
      this.#owned.length = 0;
      this.#snapshots.clear();
    }, true);
  }
}

/** A state trie hashing with `options.hash`, stored in `options.db` (in memory if omitted). */
export function createTrie(options: TrieOptions): Trie {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createTrie needs options with `hash`');
  }
  return new StateTrie(options);
}
