// What a trie keeps in its store besides the nodes: the root of each recent persisted height and
// the head (the last persist). A persist writes the new nodes, the root of its height and the
// head in one atomic batch, which also deletes the roots that are no longer kept.
import type { Kernel } from './kernel.ts';
import type { KVOperation, KVStore } from './kv.ts';
import {
  decodeHead,
  encodeHead,
  HEAD_KEY,
  heightOfRootKey,
  NODE_BUCKET,
  ROOT_RANGE,
  rootKey,
} from './store-keys.ts';
import type { TrieHead } from './trie.ts';

export function assertHeight(height: unknown): asserts height is number {
  if (typeof height !== 'number' || !Number.isSafeInteger(height) || height < 0) {
    throw new RangeError(`height must be a non-negative safe integer, got ${String(height)}`);
  }
}

/** The last persisted height and root, if the store has any. */
export async function readHead(db: KVStore): Promise<TrieHead | null> {
  const stored = await db.get(HEAD_KEY);
  return stored === undefined ? null : decodeHead(stored);
}

/** The root persisted at `height`, if it is still kept. */
export async function rootAt(db: KVStore, height: number): Promise<Uint8Array | null> {
  return (await db.get(rootKey(height))) ?? null;
}

/** Every root kept by height, then the head's and `openedAt` if any: what pruning keeps. */
export async function keptRoots(
  db: KVStore,
  head: TrieHead | null,
  openedAt: Uint8Array | null,
): Promise<Uint8Array[]> {
  const roots: Uint8Array[] = [];
  for await (const key of db.keys(ROOT_RANGE)) {
    const root = await rootAt(db, heightOfRootKey(key));
    if (root !== null) roots.push(root);
  }
  if (head !== null) roots.push(head.root);
  if (openedAt !== null) roots.push(openedAt);
  return roots;
}

/** The nodes triePersistCollect listed, as writes: [hash 32][u32 length][encoding]... */
function newNodeWrites(k: Kernel): KVOperation[] {
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
  return ops;
}

/**
 * The batch persisting `handle` at `height` with `root`: its new nodes, the root and head
 * records, and the deletes of the roots below `oldest`. The nodes stay NEW in Wasm until
 * triePersistDone, once the store has them.
 */
export async function persistOps(
  k: Kernel,
  db: KVStore,
  handle: number,
  height: number,
  root: Uint8Array,
  oldest: number,
): Promise<KVOperation[]> {
  k.wasm.triePersistCollect(handle);
  const ops = newNodeWrites(k);
  ops.push({ type: 'put', key: rootKey(height), value: root });
  ops.push({ type: 'put', key: HEAD_KEY, value: encodeHead(height, root) });
  if (oldest > 0) {
    for await (const key of db.keys({ gte: ROOT_RANGE.gte, lt: rootKey(oldest) })) {
      ops.push({ type: 'del', key });
    }
  }
  return ops;
}
