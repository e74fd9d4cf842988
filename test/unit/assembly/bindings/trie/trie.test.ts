// The trie's storage side: persist and reopen, lazy loading after eviction, roots of past heights,
// pruning, damaged stores, call ordering, and tries sharing the one Wasm instance.
import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  createTrie,
  type KVOperation,
  type KVRange,
  type KVStore,
  MemoryKV,
  type Trie,
  TrieStoreError,
  TrieStoreErrorCode,
  verifyProof,
} from '../../../../../assembly/bindings/trie/index.ts';
import { nodeKey } from '../../../../../assembly/bindings/trie/store-keys.ts';
import { toHex } from '../../../../shared/check.ts';
import { createRandom, type Random, testSeed } from '../../../../shared/random.ts';
import { referenceRoot } from '../../../../shared/trie-suite.ts';

const seed = testSeed(process.env.TEST_SEED);
const sha256 = (data: Uint8Array) => new Uint8Array(hash('sha256', data, 'buffer'));

type Model = Map<string, [Uint8Array, Uint8Array]>;

async function fill(trie: Trie, model: Model, random: Random, count: number): Promise<void> {
  const ops = [];
  for (let i = 0; i < count; i++) {
    const key = random.bytes(random.int(3) === 0 ? 1 + random.int(4) : 32);
    const value = random.bytes(1 + random.int(60));
    model.set(toHex(key), [key, value]);
    ops.push({ type: 'put' as const, key, value });
  }
  await trie.batch(ops);
}

async function checkContents(trie: Trie, model: Model): Promise<void> {
  assert.equal(toHex(await trie.root()), toHex(referenceRoot(model.values(), sha256)), 'root');
  for (const [key, value] of model.values()) {
    assert.equal(toHex((await trie.get(key)) ?? new Uint8Array()), toHex(value), 'value');
  }
}

/** A MemoryKV whose reads take a few milliseconds, so that calls interleave. */
class SlowKV implements KVStore {
  readonly inner = new MemoryKV();
  reads = 0;
  #random: Random;
  constructor(random: Random) {
    this.#random = random;
  }
  async #pause(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.#random.int(3)));
  }
  async get(key: Uint8Array) {
    await this.#pause();
    this.reads++;
    return this.inner.get(key);
  }
  async getMany(keys: readonly Uint8Array[]) {
    await this.#pause();
    this.reads += keys.length;
    return this.inner.getMany(keys);
  }
  batch(ops: readonly KVOperation[]) {
    return this.inner.batch(ops);
  }
  keys(range: KVRange) {
    return this.inner.keys(range);
  }
  close() {
    return this.inner.close();
  }
}

describe(`trie storage (TEST_SEED=${seed})`, () => {
  it('persists nodes and root together, and reopens at the head with lazy loading', async () => {
    const random = createRandom(seed);
    const db = new MemoryKV();
    const trie = createTrie({ hash: 'sha256', db });
    const model: Model = new Map();
    await fill(trie, model, random, 2000);
    const root = await trie.persist(1);
    assert.deepEqual(await trie.head(), { height: 1, root });
    await trie.close();
    const reopened = createTrie({ hash: 'sha256', db });
    assert.deepEqual(await reopened.head(), { height: 1, root });
    const before = await reopened.memoryUsage();
    assert.ok(before.nodes <= 1, 'nothing but the root stub is loaded');
    await checkContents(reopened, model);
    assert.ok((await reopened.memoryUsage()).nodes > 1000, 'loaded on demand');
    await reopened.close();
  });

  it('keeps the roots of recent heights readable: values, proofs and entries at a height', async () => {
    const random = createRandom(seed + 1);
    const trie = createTrie({ hash: 'sha256', retainRoots: 3 });
    const model: Model = new Map();
    const roots: Uint8Array[] = [];
    const snapshots: Model[] = [];
    for (let height = 1; height <= 6; height++) {
      await fill(trie, model, random, 300);
      roots[height] = await trie.persist(height);
      snapshots[height] = new Map(model);
    }
    assert.equal(await trie.rootAt(3), null, 'pruned root record');
    await assert.rejects(trie.get(new Uint8Array([1]), { height: 3 }), (error: unknown) => {
      assert.ok(error instanceof TrieStoreError);
      assert.equal(error.code, TrieStoreErrorCode.UNKNOWN_HEIGHT);
      assert.equal(error.height, 3);
      return true;
    });
    for (const height of [4, 5, 6]) {
      const root = roots[height] as Uint8Array;
      assert.deepEqual(await trie.rootAt(height), root);
      const snapshot = snapshots[height] as Model;
      for (const [key, value] of [...snapshot.values()].slice(0, 50)) {
        assert.deepEqual(await trie.get(key, { height }), value);
        const proof = await trie.createProof(key, { height });
        assert.deepEqual(verifyProof(root, key, proof, { hash: 'sha256' }), value);
      }
      let count = 0;
      for await (const _ of trie.entries({ height })) count++;
      assert.equal(count, snapshot.size);
    }
    await trie.close();
  });

  it('prune deletes only nodes that no kept root reaches', async () => {
    const random = createRandom(seed + 2);
    const db = new MemoryKV();
    const trie = createTrie({ hash: 'sha256', db, retainRoots: 2 });
    const model: Model = new Map();
    const keys: Uint8Array[] = [];
    await fill(trie, model, random, 1000);
    for (const [key] of model.values()) keys.push(key);
    const roots: Uint8Array[] = [];
    for (let height = 1; height <= 5; height++) {
      for (let i = 0; i < 200; i++) {
        const key = keys[random.int(keys.length)] as Uint8Array;
        const value = random.bytes(8);
        model.set(toHex(key), [key, value]);
        await trie.put(key, value);
      }
      roots[height] = await trie.persist(height);
    }
    const stored = db.size;
    const { deletedNodes, keptNodes } = await trie.prune();
    assert.ok(deletedNodes > 0, 'something to prune');
    assert.equal(db.size, stored - deletedNodes);
    assert.ok(keptNodes > 0);
    // Both kept heights and the current state still read in full, from a fresh trie too.
    const fresh = createTrie({ hash: 'sha256', db });
    await checkContents(fresh, model);
    for (const key of keys.slice(0, 100)) {
      const proof = await fresh.createProof(key, { height: 4 });
      verifyProof(roots[4] as Uint8Array, key, proof, { hash: 'sha256' });
    }
    assert.deepEqual(await fresh.prune(), { keptNodes, deletedNodes: 0 });
    await trie.close();
    await fresh.close();
  });

  it('evicts to its cache budget after a persist and loads back on demand', async () => {
    const random = createRandom(seed + 3);
    const db = new MemoryKV();
    const trie = createTrie({ hash: 'sha256', db, cacheBytes: 256 * 1024 });
    const model: Model = new Map();
    for (let height = 1; height <= 4; height++) {
      await fill(trie, model, random, 2500);
      await trie.persist(height);
      assert.ok((await trie.memoryUsage()).bytes <= 256 * 1024, `evicted at ${height}`);
    }
    await checkContents(trie, model);
    // Deletes that collapse branches need siblings loaded; checkpoints revert over stubs.
    const keys = [...model.values()].map(([key]) => key);
    await trie.persist(5);
    await trie.checkpoint();
    for (const key of keys.slice(0, 500)) await trie.del(key);
    await trie.revert();
    await trie.persist(6);
    for (const key of keys.slice(0, 3000)) {
      model.delete(toHex(key));
      await trie.del(key);
    }
    await trie.persist(7);
    await checkContents(trie, model);
    await trie.close();
  });

  it('reports a missing or damaged node with a TrieStoreError', async () => {
    const db = new MemoryKV();
    const trie = createTrie({ hash: 'sha256', db });
    const model: Model = new Map();
    await fill(trie, model, createRandom(seed + 4), 200);
    const root = await trie.persist(1);
    await trie.close();
    const rootNode = (await db.get(nodeKey(root))) as Uint8Array;
    for (const [damage, code] of [
      [() => db.batch([{ type: 'del', key: nodeKey(root) }]), TrieStoreErrorCode.MISSING_NODE],
      [
        () => db.batch([{ type: 'put', key: nodeKey(root), value: rootNode.subarray(1) }]),
        TrieStoreErrorCode.CORRUPT_NODE,
      ],
    ] as const) {
      await damage();
      const broken = createTrie({ hash: 'sha256', db });
      await assert.rejects(broken.get(new Uint8Array([1])), (error: unknown) => {
        assert.ok(error instanceof TrieStoreError);
        assert.equal(error.code, code);
        assert.equal(error.hash, toHex(root));
        return true;
      });
      await broken.close();
    }
  });

  it('runs calls in call order, on the arrays as they were at the call', async () => {
    const trie = createTrie({ hash: 'sha256', db: new SlowKV(createRandom(seed + 5)) });
    const key = new Uint8Array([1, 2, 3]);
    const value = new Uint8Array([4]);
    const calls = [trie.put(key, value), trie.get(key)];
    key[0] = 9;
    value[0] = 9;
    calls.push(trie.get(new Uint8Array([1, 2, 3])), trie.del(new Uint8Array([1, 2, 3])));
    calls.push(trie.get(new Uint8Array([1, 2, 3])));
    const [, first, second, , third] = await Promise.all(calls);
    assert.deepEqual(first, new Uint8Array([4]));
    assert.deepEqual(second, new Uint8Array([4]));
    assert.equal(third, null);
    await trie.close();
    await assert.rejects(trie.get(key), TypeError);
  });

  it('tries sharing the Wasm instance interleave their loads safely', async () => {
    const random = createRandom(seed + 6);
    const stores = [new SlowKV(random), new SlowKV(random), new SlowKV(random)];
    const models: Model[] = [];
    for (const db of stores) {
      const writer = createTrie({ hash: 'sha256', db });
      const model: Model = new Map();
      await fill(writer, model, random, 600);
      await writer.persist(1);
      await writer.close();
      models.push(model);
    }
    const readers = stores.map((db) => createTrie({ hash: 'sha256', db, cacheNodes: 0 }));
    await Promise.all(
      readers.map(async (trie, i) => {
        const model = models[i] as Model;
        const ops = [...model.values()].map(([key]) => ({
          type: 'put' as const,
          key,
          value: new Uint8Array([i + 1]),
        }));
        for (const [key] of model.values()) model.set(toHex(key), [key, new Uint8Array([i + 1])]);
        await trie.batch(ops);
        await checkContents(trie, model);
      }),
    );
    assert.ok(
      stores.every((db) => db.reads > 100),
      'nodes came from the slow stores',
    );
    for (const trie of readers) await trie.close();
  });

  it('puts long keys and large values; an empty value deletes', async () => {
    const trie = createTrie({ hash: 'sm3' });
    const random = createRandom(seed + 7);
    const model: Model = new Map();
    for (const [keyLength, valueLength] of [
      [1024, 1],
      [1024, 2 << 20],
      [1, 70_000],
      [1023, 56],
      [3, 55],
    ]) {
      const key = random.bytes(keyLength as number);
      const value = random.bytes(valueLength as number);
      model.set(toHex(key), [key, value]);
      await trie.put(key, value);
    }
    const sm3 = (data: Uint8Array) => new Uint8Array(hash('sm3', data, 'buffer'));
    assert.equal(toHex(await trie.root()), toHex(referenceRoot(model.values(), sm3)));
    const root = await trie.root();
    for (const [key, value] of model.values()) {
      const proof = await trie.createProof(key);
      assert.deepEqual(verifyProof(root, key, proof, { hash: 'sm3' }), value);
    }
    const [key] = [...model.values()][0] as [Uint8Array, Uint8Array];
    await trie.put(key, new Uint8Array(0));
    assert.equal(await trie.get(key), null);
    await assert.rejects(trie.put(new Uint8Array(1025), new Uint8Array(1)), RangeError);
    await trie.close();
  });

  it('fails every call when the store fails at opening, and none runs after close()', async () => {
    const failing = new MemoryKV();
    const broken = new Error('disk on fire');
    failing.get = () => Promise.reject(broken);
    const trie = createTrie({ hash: 'sha256', db: failing });
    await assert.rejects(trie.put(new Uint8Array([1]), new Uint8Array([1])), broken);
    await assert.rejects(trie.root(), broken);
    const open = createTrie({ hash: 'sha256', db: new SlowKV(createRandom(seed + 8)) });
    const first = open.put(new Uint8Array([1]), new Uint8Array([2]));
    const closing = open.close();
    await assert.rejects(open.get(new Uint8Array([1])), TypeError);
    await first;
    await closing;
    await open.close();
  });

  it('refuses to persist below the head or inside a checkpoint', async () => {
    const trie = createTrie({ hash: 'sha256' });
    await trie.put(new Uint8Array([1]), new Uint8Array([1]));
    await trie.persist(5);
    await assert.rejects(trie.persist(5), RangeError);
    await assert.rejects(trie.persist(-1), RangeError);
    await trie.checkpoint();
    await assert.rejects(trie.persist(6), TypeError);
    await trie.commit();
    await trie.persist(6);
    await trie.close();
  });
});
