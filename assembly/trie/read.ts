// Reads: get, proofs (the encodings of the nodes on a key's path) and iteration in key order.
// Each reports the first unloaded node it meets in MISSING instead of going on.
import { encode, encodedSize } from './encode';
import { outBase, outLen, outStart, reserve } from './out';
import { addMissing, KEY, keyNibbles, matchLength, RESULT, report } from './key';
import {
  BRANCH,
  blobOf,
  childAt,
  epoch,
  EXT,
  HASH,
  kindOf,
  N_ACCESS,
  N_CHILD,
  N_REFLEN,
  pathLenOf,
  valueLenOf,
} from './node';

export const FOUND: i32 = 0;
export const ABSENT: i32 = 1;
export const MISSING_NODE: i32 = 2;
export const MORE: i32 = 3;

/** Looks KEY up under `root`: FOUND (value reported), ABSENT, or MISSING_NODE. */
export function lookup(root: usize): i32 {
  let node = root;
  let pos: usize = 0;
  while (node != 0) {
    const kind = kindOf(node);
    if (kind == HASH) {
      addMissing(node);
      return MISSING_NODE;
    }
    store<u32>(node, epoch, N_ACCESS);
    if (kind == BRANCH) {
      if (pos == keyNibbles) {
        const len = valueLenOf(node);
        if (len == 0) return ABSENT;
        report(blobOf(node), len);
        return FOUND;
      }
      node = childAt(node, <usize>load<u8>(KEY + pos));
      pos++;
      continue;
    }
    const pathLen = pathLenOf(node);
    if (matchLength(blobOf(node), pathLen, pos) != pathLen) return ABSENT;
    pos += pathLen;
    if (kind == EXT) {
      node = <usize>load<u32>(node, N_CHILD);
      continue;
    }
    if (pos != keyNibbles) return ABSENT;
    report(blobOf(node) + pathLen, valueLenOf(node));
    return FOUND;
  }
  return ABSENT;
}

/** Appends the node's encoding to the output as u32 length + bytes. */
function emitNode(node: usize): void {
  const size = encodedSize(node);
  const at = reserve(4 + size);
  store<u32>(at, <u32>size);
  encode(node, at + 4);
}

/**
 * The proof for KEY under `root` (refs must be current): the encodings of the hashed nodes on
 * its path, root first, as u32 count then (u32 length, bytes) each; reported as pointer and
 * length. Inline nodes are inside their parent's encoding. Returns FOUND/ABSENT or MISSING_NODE.
 */
export function prove(root: usize): i32 {
  outStart();
  reserve(4);
  let count: u32 = 0;
  let node = root;
  let pos: usize = 0;
  let status = ABSENT;
  while (node != 0) {
    const kind = kindOf(node);
    if (kind == HASH) {
      addMissing(node);
      return MISSING_NODE;
    }
    store<u32>(node, epoch, N_ACCESS);
    if (node == root || load<u8>(node, N_REFLEN) == 32) {
      emitNode(node);
      count++;
    }
    if (kind == BRANCH) {
      if (pos == keyNibbles) {
        status = valueLenOf(node) != 0 ? FOUND : ABSENT;
        break;
      }
      node = childAt(node, <usize>load<u8>(KEY + pos));
      pos++;
      continue;
    }
    const pathLen = pathLenOf(node);
    if (matchLength(blobOf(node), pathLen, pos) != pathLen) break;
    pos += pathLen;
    if (kind == EXT) {
      node = <usize>load<u32>(node, N_CHILD);
      continue;
    }
    if (pos == keyNibbles) status = FOUND;
    break;
  }
  store<u32>(outBase(), count);
  report(outBase(), outLen);
  return status;
}

// Iteration.
const PATH: usize = memory.data(2064, 16);
const START: usize = memory.data(2064, 16);
let startNibbles: usize = 0;
let exclusive = false;
let maxEntries: usize = 0;
let maxBytes: usize = 0;
let entries: usize = 0;

const GO: i32 = 0;
const STOP: i32 = 1;
const BLOCKED: i32 = 2;

/** Compares the `len` nibbles of PATH from `from` with START's; -1, 0 or 1 over the common part. */
function comparePrefix(from: usize, len: usize): i32 {
  const n = min<usize>(from + len, startNibbles);
  for (let i = from; i < n; i++) {
    const a = load<u8>(PATH + i);
    const b = load<u8>(START + i);
    if (a != b) return a < b ? -1 : 1;
  }
  return 0;
}

/** Emits the entry whose key is PATH[0..nibbles) (u32 key length, key, u32 value length, value). */
function emit(nibbles: usize, value: usize, valueLen: usize): i32 {
  if (nibbles & 1) return GO; // not a byte string: no key ends here
  const keyLen = nibbles >> 1;
  const at = reserve(8 + keyLen + valueLen);
  store<u32>(at, <u32>keyLen);
  for (let i: usize = 0; i < keyLen; i++) {
    store<u8>(at + 4 + i, (load<u8>(PATH + (i << 1)) << 4) | load<u8>(PATH + (i << 1) + 1));
  }
  store<u32>(at + 4 + keyLen, <u32>valueLen);
  memory.copy(at + 8 + keyLen, value, valueLen);
  entries++;
  return entries >= maxEntries || outLen >= maxBytes ? STOP : GO;
}

/** Whether the key PATH[0..nibbles) (which has START[0..depth) as prefix) is at or after START. */
function fromStart(nibbles: usize): bool {
  const c = comparePrefix(0, nibbles);
  if (c != 0) return c > 0;
  if (nibbles != startNibbles) return nibbles > startNibbles;
  return !exclusive;
}

/**
 * In-order walk of `node` at `depth` nibbles. `bounded`: PATH[0..depth) equals START's first
 * `depth` nibbles, so keys before START must still be skipped.
 */
function walk(node: usize, depth: usize, bounded: bool): i32 {
  if (node == 0) return GO;
  const kind = kindOf(node);
  if (kind == HASH) {
    addMissing(node);
    return BLOCKED;
  }
  store<u32>(node, epoch, N_ACCESS);
  if (kind == BRANCH) {
    const valueLen = valueLenOf(node);
    if (valueLen != 0 && (!bounded || fromStart(depth))) {
      if (emit(depth, blobOf(node), valueLen) == STOP) return STOP;
    }
    let first: usize = 0;
    if (bounded && depth < startNibbles) first = <usize>load<u8>(START + depth);
    for (let i = first; i < 16; i++) {
      const child = childAt(node, i);
      if (child == 0) continue;
      store<u8>(PATH + depth, <u8>i);
      const r = walk(child, depth + 1, bounded && depth < startNibbles && i == first);
      if (r != GO) return r;
    }
    return GO;
  }
  const pathLen = pathLenOf(node);
  memory.copy(PATH + depth, blobOf(node), pathLen);
  let stillBounded = bounded;
  if (bounded) {
    const c = comparePrefix(depth, pathLen);
    if (c < 0) return GO;
    stillBounded = c == 0 && depth + pathLen <= startNibbles;
  }
  if (kind == EXT) return walk(<usize>load<u32>(node, N_CHILD), depth + pathLen, stillBounded);
  const nibbles = depth + pathLen;
  if (bounded && !fromStart(nibbles)) return GO;
  return emit(nibbles, blobOf(node) + pathLen, valueLenOf(node));
}

/**
 * Entries under `root` from the key of `startLen` bytes at `start` (after it if `after`), at most
 * `limit` entries or about `bytes` bytes: written as in `emit`, reported as pointer and length,
 * the count at RESULT + 8. Returns ABSENT when the iteration is complete, MORE when it stopped
 * at a limit, MISSING_NODE when it needs a node loaded (the entries before it are reported).
 */
export function iterate(
  root: usize,
  start: usize,
  startLen: usize,
  after: bool,
  limit: usize,
  bytes: usize,
): i32 {
  for (let i: usize = 0; i < startLen; i++) {
    const b = load<u8>(start + i);
    store<u8>(START + (i << 1), b >> 4);
    store<u8>(START + (i << 1) + 1, b & 15);
  }
  startNibbles = startLen << 1;
  exclusive = after;
  maxEntries = max<usize>(limit, 1);
  maxBytes = bytes;
  entries = 0;
  outStart();
  const r = walk(root, 0, true);
  report(outBase(), outLen);
  store<u32>(RESULT + 8, <u32>entries);
  return r == GO ? ABSENT : r == STOP ? MORE : MISSING_NODE;
}
