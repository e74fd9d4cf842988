// Persisting and evicting. After a root computation the nodes hashed since the last persist are
// flagged NEW; `collectNew` writes them (hash, encoding) for the bindings to store in one atomic
// batch, and only once the store has them does `clearNew` drop the flags. `evict` turns clean,
// stored subtrees that were not walked recently back into HASH stubs to bound memory.
import { footprint } from './alloc';
import { encode, encodedSize } from './encode';
import { RESULT, report } from './key';
import {
  BRANCH,
  blobOf,
  blobSize,
  childAt,
  countStubs,
  EXT,
  epoch,
  freeBlob,
  freeTree,
  HASH,
  kindOf,
  N_ACCESS,
  N_BLOB,
  N_CHILD,
  N_CHILDREN,
  N_FLAGS,
  N_KIND,
  N_PATHLEN,
  N_REF,
  N_REFLEN,
  N_VALUELEN,
  NEW,
  NODE_BYTES,
  setChild,
} from './node';
import { outBase, outLen, outStart, reserve } from './out';

let collected: u32 = 0;

function emit(hash: usize, node: usize): void {
  const size = encodedSize(node);
  const at = reserve(36 + size);
  memory.copy(at, hash, 32);
  store<u32>(at + 32, <u32>size);
  encode(node, at + 36);
  collected++;
}

function collectWalk(node: usize): void {
  if (node == 0 || !(load<u8>(node, N_FLAGS) & NEW)) return;
  emit(node + N_REF, node);
  const kind = kindOf(node);
  if (kind == BRANCH) {
    for (let i: usize = 0; i < 16; i++) collectWalk(childAt(node, i));
  } else if (kind == EXT) {
    collectWalk(<usize>load<u32>(node, N_CHILD));
  }
}

/**
 * Writes every NEW node under `root` as 32-byte hash, u32 length, encoding; an inline root (under
 * 32 bytes, so with inline descendants only) is written under `rootHash`, since the store keys
 * the root by its hash. Reports pointer and length, the count at RESULT + 8. Refs must be current.
 */
export function collectNew(root: usize, rootHash: usize): void {
  outStart();
  collected = 0;
  if (root != 0 && kindOf(root) != HASH && load<u8>(root, N_REFLEN) < 32) emit(rootHash, root);
  else collectWalk(root);
  report(outBase(), outLen);
  store<u32>(RESULT + 8, collected);
}

/** Drops the NEW flags once the store holds the nodes. */
export function clearNew(node: usize): void {
  if (node == 0 || !(load<u8>(node, N_FLAGS) & NEW)) return;
  store<u8>(node, load<u8>(node, N_FLAGS) & ~NEW, N_FLAGS);
  const kind = kindOf(node);
  if (kind == BRANCH) {
    for (let i: usize = 0; i < 16; i++) clearNew(childAt(node, i));
  } else if (kind == EXT) {
    clearNew(<usize>load<u32>(node, N_CHILD));
  }
}

// Eviction.
const AGES: i32 = 64;
const HISTOGRAM: usize = memory.data(64 * 8, 16);

// @ts-ignore: decorator
@inline function ageOf(node: usize): usize {
  return <usize>min<u32>(epoch - load<u32>(node, N_ACCESS), <u32>(AGES - 1));
}

function measure(node: usize): void {
  if (node == 0) return;
  const slot = HISTOGRAM + (ageOf(node) << 3);
  store<u64>(slot, load<u64>(slot) + <u64>(NODE_BYTES + footprint(blobSize(node))));
  const kind = kindOf(node);
  if (kind == BRANCH) {
    for (let i: usize = 0; i < 16; i++) measure(childAt(node, i));
  } else if (kind == EXT) {
    measure(<usize>load<u32>(node, N_CHILD));
  }
}

/** Frees what hangs off `node` and makes it a HASH stub (its REF is its hash). */
function unload(node: usize): void {
  const kind = kindOf(node);
  if (kind == BRANCH) {
    for (let i: usize = 0; i < 16; i++) {
      freeTree(childAt(node, i));
      setChild(node, i, 0);
    }
  } else if (kind == EXT) {
    freeTree(<usize>load<u32>(node, N_CHILD));
  }
  freeBlob(blobOf(node), blobSize(node));
  store<u8>(node, HASH, N_KIND);
  countStubs(1);
  store<u8>(node, 0, N_FLAGS);
  store<u32>(node, 0, N_BLOB);
  store<u32>(node, 0, N_PATHLEN);
  store<u32>(node, 0, N_VALUELEN);
  store<u32>(node, 0, N_CHILD);
  memory.fill(node + N_CHILDREN, 0, NODE_BYTES - N_CHILDREN);
}

function evictWalk(node: usize, cutoff: usize, isRoot: bool): void {
  if (node == 0 || kindOf(node) == HASH) return;
  if (!isRoot && ageOf(node) >= cutoff && load<u8>(node, N_REFLEN) == 32) {
    unload(node);
    return;
  }
  const kind = kindOf(node);
  if (kind == BRANCH) {
    for (let i: usize = 0; i < 16; i++) evictWalk(childAt(node, i), cutoff, false);
  } else if (kind == EXT) {
    evictWalk(<usize>load<u32>(node, N_CHILD), cutoff, false);
  }
}

/**
 * Unloads the least recently walked subtrees until about `keepBytes` of nodes stay in memory.
 * Every node must be clean and stored (no checkpoint open, persisted).
 */
export function evict(root: usize, keepBytes: u64): void {
  memory.fill(HISTOGRAM, 0, AGES << 3);
  measure(root);
  let kept: u64 = 0;
  let cutoff: usize = 0;
  while (cutoff < <usize>AGES) {
    const bytes = load<u64>(HISTOGRAM + (cutoff << 3));
    if (kept + bytes > keepBytes) break;
    kept += bytes;
    cutoff++;
  }
  if (cutoff >= <usize>AGES) return;
  evictWalk(root, cutoff, true);
}
