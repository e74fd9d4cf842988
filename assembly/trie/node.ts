// Node records and trie handles in linear memory.
//
// Every node is one 128-byte record, whatever its kind, so that a HASH stub (a node known only
// by its hash, not loaded yet) can turn into the decoded node in place when the bindings bring
// its encoding from the store, and a clean subtree can turn back into a stub when evicted.
//
//   0  u8  kind        LEAF, EXT, BRANCH or HASH
//   1  u8  flags       DIRTY (REF is stale), NEW (hashed since the last persist, not stored yet)
//   2  u8  refLen      1..31: REF holds the node's own encoding (inlined in its parent); 32: hash
//   4  u32 gen         checkpoint generation that created the node (see checkpoint.ts)
//   8  u32 blob        LEAF: path nibbles then value; EXT: path nibbles; BRANCH: value or 0
//  12  u32 pathLen     nibbles (LEAF, EXT)
//  16  u32 valueLen    bytes (LEAF, BRANCH; 0 = a branch without value)
//  20  u32 child       EXT: the child node
//  24  u32 access      the trie's epoch when the node was last walked (for eviction)
//  32  32  ref         hash or inline encoding; for HASH stubs, the hash
//  64  16 x u32        BRANCH: children (0 = empty)
//
// Paths are stored one nibble per byte. A trie handle is a 128-byte record as well (below).
import { alloc, free, footprint } from './alloc';

export const NODE_BYTES: usize = 128;

export const LEAF: u8 = 1;
export const EXT: u8 = 2;
export const BRANCH: u8 = 3;
export const HASH: u8 = 4;

export const DIRTY: u8 = 1;
export const NEW: u8 = 2;

export const N_KIND: usize = 0;
export const N_FLAGS: usize = 1;
export const N_REFLEN: usize = 2;
export const N_GEN: usize = 4;
export const N_BLOB: usize = 8;
export const N_PATHLEN: usize = 12;
export const N_VALUELEN: usize = 16;
export const N_CHILD: usize = 20;
export const N_ACCESS: usize = 24;
export const N_REF: usize = 32;
export const N_CHILDREN: usize = 64;

// Trie handle layout.
export const T_ROOT: usize = 0;
export const T_ALG: usize = 4;
export const T_TOPGEN: usize = 8;
export const T_FRAMES: usize = 12;
export const T_FRAMECOUNT: usize = 16;
export const T_FRAMECAP: usize = 20;
export const T_NODES: usize = 24;
export const T_BLOBBYTES: usize = 28;
export const T_EPOCH: usize = 32;
/** HASH stubs in the tree: while there are none, updates need not look for them first. */
export const T_STUBS: usize = 36;
export const T_ROOTHASH: usize = 64;
export const TRIE_BYTES: usize = 128;

/** The trie the current call works on: node counts are charged to it. */
export let cur: usize = 0;
/** Generation stamped on nodes created now: the innermost checkpoint's, 0 without one. */
export let topGen: u32 = 0;
/** The trie's epoch, stamped on nodes as they are walked. */
export let epoch: u32 = 0;

export function enter(trie: usize): void {
  cur = trie;
  topGen = load<u32>(trie, T_TOPGEN);
  epoch = load<u32>(trie, T_EPOCH);
}

export function setTopGen(gen: u32): void {
  topGen = gen;
  store<u32>(cur, gen, T_TOPGEN);
}

// @ts-ignore: decorator
@inline export function kindOf(node: usize): u8 {
  return load<u8>(node, N_KIND);
}

// @ts-ignore: decorator
@inline export function childAt(node: usize, nibble: usize): usize {
  return <usize>load<u32>(node + (nibble << 2), N_CHILDREN);
}

// @ts-ignore: decorator
@inline export function setChild(node: usize, nibble: usize, child: usize): void {
  store<u32>(node + (nibble << 2), <u32>child, N_CHILDREN);
}

// @ts-ignore: decorator
@inline export function blobOf(node: usize): usize {
  return <usize>load<u32>(node, N_BLOB);
}

// @ts-ignore: decorator
@inline export function pathLenOf(node: usize): usize {
  return <usize>load<u32>(node, N_PATHLEN);
}

// @ts-ignore: decorator
@inline export function valueLenOf(node: usize): usize {
  return <usize>load<u32>(node, N_VALUELEN);
}

/** Size of the node's blob: path nibbles and value for a leaf, path for an extension, value for a branch. */
export function blobSize(node: usize): usize {
  const kind = kindOf(node);
  if (kind == LEAF) return pathLenOf(node) + valueLenOf(node);
  if (kind == EXT) return pathLenOf(node);
  if (kind == BRANCH) return valueLenOf(node);
  return 0;
}

export function allocBlob(size: usize): usize {
  if (size == 0) return 0;
  store<u32>(cur, load<u32>(cur, T_BLOBBYTES) + <u32>footprint(size), T_BLOBBYTES);
  return alloc(size);
}

export function freeBlob(blob: usize, size: usize): void {
  if (blob == 0) return;
  store<u32>(cur, load<u32>(cur, T_BLOBBYTES) - <u32>footprint(size), T_BLOBBYTES);
  free(blob, size);
}

/** A zeroed record of `kind`, dirty, of the current generation. */
export function newNode(kind: u8): usize {
  const node = alloc(NODE_BYTES);
  memory.fill(node, 0, NODE_BYTES);
  store<u8>(node, kind, N_KIND);
  store<u8>(node, DIRTY, N_FLAGS);
  store<u32>(node, topGen, N_GEN);
  store<u32>(node, epoch, N_ACCESS);
  store<u32>(cur, load<u32>(cur, T_NODES) + 1, T_NODES);
  return node;
}

export function countStubs(delta: i32): void {
  store<i32>(cur, load<i32>(cur, T_STUBS) + delta, T_STUBS);
}

/** Frees the record and its blob, not its children. */
export function freeNode(node: usize): void {
  if (kindOf(node) == HASH) countStubs(-1);
  freeBlob(blobOf(node), blobSize(node));
  store<u32>(cur, load<u32>(cur, T_NODES) - 1, T_NODES);
  free(node, NODE_BYTES);
}

/** Frees a whole subtree (records, blobs, stubs). */
export function freeTree(node: usize): void {
  if (node == 0) return;
  const kind = kindOf(node);
  if (kind == BRANCH) {
    for (let i: usize = 0; i < 16; i++) freeTree(childAt(node, i));
  } else if (kind == EXT) {
    freeTree(<usize>load<u32>(node, N_CHILD));
  }
  freeNode(node);
}

/** A HASH stub for the 32-byte hash at `hash`. */
export function newStub(hash: usize, gen: u32): usize {
  const node = newNode(HASH);
  store<u8>(node, 0, N_FLAGS);
  store<u8>(node, 32, N_REFLEN);
  store<u32>(node, gen, N_GEN);
  memory.copy(node + N_REF, hash, 32);
  countStubs(1);
  return node;
}

/** A leaf for `pathLen` nibbles at `path` and `valueLen` bytes at `value`. */
export function newLeaf(path: usize, pathLen: usize, value: usize, valueLen: usize): usize {
  const node = newNode(LEAF);
  const blob = allocBlob(pathLen + valueLen);
  memory.copy(blob, path, pathLen);
  memory.copy(blob + pathLen, value, valueLen);
  store<u32>(node, <u32>blob, N_BLOB);
  store<u32>(node, <u32>pathLen, N_PATHLEN);
  store<u32>(node, <u32>valueLen, N_VALUELEN);
  return node;
}

export function newExt(path: usize, pathLen: usize, child: usize): usize {
  const node = newNode(EXT);
  const blob = allocBlob(pathLen);
  memory.copy(blob, path, pathLen);
  store<u32>(node, <u32>blob, N_BLOB);
  store<u32>(node, <u32>pathLen, N_PATHLEN);
  store<u32>(node, <u32>child, N_CHILD);
  return node;
}
