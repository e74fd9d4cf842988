// Pruning by mark and sweep: every node reachable from the roots that are kept is marked (walking
// the store, decoding each node in Wasm to find the hashes it references), then every stored
// node not marked is deleted, in batches. Nodes are content-addressed and shared between roots,
// so reference counting would need a read-modify-write per child per block; mark and sweep
// needs nothing on the write path and is correct for shared and re-created nodes alike.
import type { Kernel } from './kernel.ts';
import type { KVOperation, KVStore } from './kv.ts';
import { latin1 } from './latin1.ts';
import type { NodeSource } from './node-source.ts';
import { NODE_RANGE, nodeKey } from './store-keys.ts';

export type PruneResult = { keptNodes: number; deletedNodes: number };

const DELETE_BATCH = 10_000;

/** The hashes a node's encoding references (including inside its inline children). */
function childHashes(k: Kernel, encoding: Uint8Array): Uint8Array[] {
  // At most 16 x 32 bytes per node and its inline children.
  const at = k.loadArea(encoding.length + 16 * 32 * 4);
  const out = at + encoding.length;
  k.bytes().set(encoding, at);
  const count = k.wasm.nodeChildHashes(at, encoding.length, out);
  if (count < 0) return [];
  const bytes = k.bytes();
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < count; i++) hashes.push(bytes.slice(out + 32 * i, out + 32 * i + 32));
  return hashes;
}

export async function pruneStore(
  k: Kernel,
  db: KVStore,
  source: NodeSource,
  roots: readonly Uint8Array[],
): Promise<PruneResult> {
  const marked = new Set<string>();
  const frontier = roots.filter((root) => !marked.has(latin1(root)));
  while (frontier.length > 0) {
    const wave = frontier.splice(0, 256);
    const fresh = wave.filter((hash) => {
      const id = latin1(hash);
      if (marked.has(id)) return false;
      marked.add(id);
      return true;
    });
    const encodings = await source.fetch(fresh);
    for (const encoding of encodings) {
      if (encoding === undefined) continue; // empty roots, or a hole the trie will report itself
      for (const child of childHashes(k, encoding)) {
        if (!marked.has(latin1(child))) frontier.push(child);
      }
    }
  }
  let ops: KVOperation[] = [];
  let deletedNodes = 0;
  let keptNodes = 0;
  for await (const key of db.keys(NODE_RANGE)) {
    if (marked.has(latin1(key.subarray(1)))) {
      keptNodes++;
      continue;
    }
    ops.push({ type: 'del', key: nodeKey(key.subarray(1)) });
    deletedNodes++;
    if (ops.length >= DELETE_BATCH) {
      await db.batch(ops);
      ops = [];
    }
  }
  if (ops.length > 0) await db.batch(ops);
  return { keptNodes, deletedNodes };
}
