// Node encoding (Yellow Paper, appendix D) and the root computation.
//
//   leaf       RLP([HP(path, leaf), value])
//   extension  RLP([HP(path, extension), ref(child)])
//   branch     RLP([ref(child 0), ..., ref(child 15), value])  (empty string for no child/value)
//   ref(n)     the node's own encoding if it is under 32 bytes, else RLP(hash(encoding))
//
// Dirty nodes are encoded and hashed once per root computation, level by level from the leaves
// up, so that the nodes of one level are hashed four at a time in SIMD lanes.
import { alloc, free } from './alloc';
import { digest, digestMany } from './hash';
import {
  BRANCH,
  blobOf,
  childAt,
  DIRTY,
  EXT,
  HASH,
  kindOf,
  LEAF,
  N_CHILD,
  N_FLAGS,
  N_REF,
  N_REFLEN,
  NEW,
  pathLenOf,
  valueLenOf,
} from './node';

/** Bytes of the big-endian length `n` (> 0). */
// @ts-ignore: decorator
@inline function lengthBytes(n: usize): usize {
  return n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
}

/** Size of a list or string header for a payload of `n` bytes. */
// @ts-ignore: decorator
@inline export function headerSize(n: usize): usize {
  return n < 56 ? 1 : 1 + lengthBytes(n);
}

/** Encoded size of the string of `n` bytes whose first byte is `first`. */
// @ts-ignore: decorator
@inline function stringSize(n: usize, first: u8): usize {
  return n == 1 && first < 0x80 ? 1 : headerSize(n) + n;
}

/** Writes the header of a payload of `n` bytes (`base` 0x80 for strings, 0xc0 for lists). */
export function writeHeader(out: usize, n: usize, base: u8): usize {
  if (n < 56) {
    store<u8>(out, base + <u8>n);
    return 1;
  }
  const bytes = lengthBytes(n);
  store<u8>(out, base + 55 + <u8>bytes);
  for (let i: usize = 0; i < bytes; i++) {
    store<u8>(out + bytes - i, <u8>(n >> (i << 3)));
  }
  return 1 + bytes;
}

function writeString(out: usize, src: usize, n: usize): usize {
  if (n == 1 && load<u8>(src) < 0x80) {
    store<u8>(out, load<u8>(src));
    return 1;
  }
  const h = writeHeader(out, n, 0x80);
  memory.copy(out + h, src, n);
  return h + n;
}

/** First byte of the hex-prefix encoding of `pathLen` nibbles at `path`. */
// @ts-ignore: decorator
@inline function hpFirst(path: usize, pathLen: usize, leaf: bool): u8 {
  const odd = <u8>(pathLen & 1);
  const flag: u8 = (leaf ? 2 : 0) + odd;
  return (flag << 4) | (odd ? load<u8>(path) : 0);
}

// @ts-ignore: decorator
@inline function hpSize(pathLen: usize): usize {
  const n = (pathLen >> 1) + 1;
  return n == 1 ? 1 : headerSize(n) + n;
}

function writeHp(out: usize, path: usize, pathLen: usize, leaf: bool): usize {
  const n = (pathLen >> 1) + 1;
  const first = hpFirst(path, pathLen, leaf);
  let p = out;
  if (n > 1) p += writeHeader(p, n, 0x80);
  store<u8>(p++, first);
  let i = pathLen & 1;
  for (; i < pathLen; i += 2) {
    store<u8>(p++, (load<u8>(path + i) << 4) | load<u8>(path + i + 1));
  }
  return p - out;
}

// @ts-ignore: decorator
@inline function refSize(child: usize): usize {
  if (child == 0) return 1;
  const len = <usize>load<u8>(child, N_REFLEN);
  return len == 32 ? 33 : len;
}

/** Copies 32 bytes (V8 calls out of line for memory.copy, which costs more than this). */
// @ts-ignore: decorator
@inline export function copy32(dst: usize, src: usize): void {
  store<u64>(dst, load<u64>(src), 0);
  store<u64>(dst, load<u64>(src, 8), 8);
  store<u64>(dst, load<u64>(src, 16), 16);
  store<u64>(dst, load<u64>(src, 24), 24);
}

function writeRef(out: usize, child: usize): usize {
  if (child == 0) {
    store<u8>(out, 0x80);
    return 1;
  }
  const len = <usize>load<u8>(child, N_REFLEN);
  if (len == 32) {
    store<u8>(out, 0xa0);
    copy32(out + 1, child + N_REF);
    return 33;
  }
  // An inline encoding: REF has room for 32 bytes, so copy whole words.
  copy32(out, child + N_REF);
  return len;
}

/** Size of the list payload of `node` (its children's refs must be current). */
function payloadSize(node: usize): usize {
  const kind = kindOf(node);
  const blob = blobOf(node);
  if (kind == BRANCH) {
    let n: usize = 0;
    for (let i: usize = 0; i < 16; i++) n += refSize(childAt(node, i));
    const valueLen = valueLenOf(node);
    return n + (valueLen == 0 ? 1 : stringSize(valueLen, load<u8>(blob)));
  }
  const pathLen = pathLenOf(node);
  if (kind == LEAF) {
    return hpSize(pathLen) + stringSize(valueLenOf(node), load<u8>(blob + pathLen));
  }
  return hpSize(pathLen) + refSize(<usize>load<u32>(node, N_CHILD));
}

export function encodedSize(node: usize): usize {
  const n = payloadSize(node);
  return headerSize(n) + n;
}

/** An upper bound of the node's encoded size, cheap to compute. */
// @ts-ignore: decorator
@inline function maxEncodedSize(node: usize): usize {
  if (kindOf(node) == BRANCH) return 16 * 33 + 16 + valueLenOf(node);
  return (pathLenOf(node) >> 1) + 64 + valueLenOf(node);
}

/** Writes the node's encoding at `out` and returns its size. */
export function encode(node: usize, out: usize): usize {
  const kind = kindOf(node);
  const blob = blobOf(node);
  let p = out + writeHeader(out, payloadSize(node), 0xc0);
  if (kind == BRANCH) {
    for (let i: usize = 0; i < 16; i++) p += writeRef(p, childAt(node, i));
    const valueLen = valueLenOf(node);
    if (valueLen == 0) store<u8>(p++, 0x80);
    else p += writeString(p, blob, valueLen);
  } else {
    const pathLen = pathLenOf(node);
    p += writeHp(p, blob, pathLen, kind == LEAF);
    if (kind == LEAF) p += writeString(p, blob + pathLen, valueLenOf(node));
    else p += writeRef(p, <usize>load<u32>(node, N_CHILD));
  }
  return p - out;
}

// Growable scratch buffers.
let scratch: usize = 0;
let scratchCap: usize = 0;

/** A scratch buffer of at least `size` bytes (its contents are not kept when it grows). */
export function scratchBuffer(size: usize): usize {
  if (size > scratchCap) {
    free(scratch, scratchCap);
    scratchCap = max<usize>(size, 4096);
    scratch = alloc(scratchCap);
  }
  return scratch;
}

/** Growable u32 arrays: the dirty nodes in post-order and their heights, then the level order. */
let listCap: usize = 0;
let nodesList: usize = 0;
let heights: usize = 0;
let ordered: usize = 0;
let table: usize = 0;
let listLen: usize = 0;
let maxHeight: usize = 0;
const COUNTS: usize = memory.data(4 * 4100, 16);
const MAX_LEVELS: usize = 4096;

function growLists(): void {
  const cap: usize = listCap == 0 ? 4096 : listCap << 1;
  const nodes = alloc(cap << 2);
  const hs = alloc(cap << 2);
  memory.copy(nodes, nodesList, listLen << 2);
  memory.copy(hs, heights, listLen << 2);
  free(nodesList, listCap << 2);
  free(heights, listCap << 2);
  free(ordered, listCap << 2);
  free(table, listCap * 12);
  nodesList = nodes;
  heights = hs;
  ordered = alloc(cap << 2);
  table = alloc(cap * 12);
  listCap = cap;
}

/** Appends the dirty nodes under `node` in post-order; returns the node's height (0 = clean). */
function collectDirty(node: usize): usize {
  if (node == 0 || !(load<u8>(node, N_FLAGS) & DIRTY)) return 0;
  let height: usize = 0;
  const kind = kindOf(node);
  if (kind == BRANCH) {
    for (let i: usize = 0; i < 16; i++) height = max(height, collectDirty(childAt(node, i)));
  } else if (kind == EXT) {
    height = collectDirty(<usize>load<u32>(node, N_CHILD));
  }
  height++;
  if (listLen == listCap) growLists();
  store<u32>(nodesList + (listLen << 2), <u32>node);
  store<u32>(heights + (listLen << 2), <u32>height);
  listLen++;
  if (height > maxHeight) maxHeight = height;
  return height;
}

/**
 * Brings the refs of every dirty node under `root` up to date: each is encoded once and hashed
 * (or kept as its inline encoding when under 32 bytes). Hashed nodes are flagged NEW until the
 * bindings have stored them.
 */
export function computeRefs(alg: u32, root: usize): void {
  listLen = 0;
  maxHeight = 0;
  collectDirty(root);
  if (listLen == 0) return;
  if (maxHeight >= MAX_LEVELS) {
    // Deeper than any 1 KiB key allows; hash one by one in post-order.
    for (let i: usize = 0; i < listLen; i++) hashOne(alg, <usize>load<u32>(nodesList + (i << 2)));
    return;
  }
  // Counting sort by height.
  memory.fill(COUNTS, 0, (maxHeight + 2) << 2);
  for (let i: usize = 0; i < listLen; i++) {
    const slot = COUNTS + ((<usize>load<u32>(heights + (i << 2)) + 1) << 2);
    store<u32>(slot, load<u32>(slot) + 1);
  }
  for (let h: usize = 1; h <= maxHeight + 1; h++) {
    store<u32>(COUNTS + (h << 2), load<u32>(COUNTS + (h << 2)) + load<u32>(COUNTS + ((h - 1) << 2)));
  }
  for (let i: usize = 0; i < listLen; i++) {
    const slot = COUNTS + (<usize>load<u32>(heights + (i << 2)) << 2);
    const at = <usize>load<u32>(slot);
    store<u32>(slot, <u32>(at + 1));
    store<u32>(ordered + (at << 2), load<u32>(nodesList + (i << 2)));
  }
  // COUNTS[h] is now the end of level h (start of level h + 1). Each level is encoded into the
  // scratch buffer and hashed in groups; when the buffer is full, what it holds is hashed first.
  let start: usize = 0;
  let buffer = scratchBuffer(1 << 20);
  let limit = buffer + scratchCap;
  for (let h: usize = 1; h <= maxHeight; h++) {
    const end = <usize>load<u32>(COUNTS + (h << 2));
    let p = buffer;
    let hashed: usize = 0;
    for (let i = start; i < end; i++) {
      const node = <usize>load<u32>(ordered + (i << 2));
      const need = maxEncodedSize(node);
      if (p + need > limit) {
        digestMany(alg, table, hashed);
        hashed = 0;
        if (need > scratchCap) {
          buffer = scratchBuffer(need);
          limit = buffer + scratchCap;
        }
        p = buffer;
      }
      const size = encode(node, p);
      if (size < 32) {
        copy32(node + N_REF, p);
        store<u8>(node, <u8>size, N_REFLEN);
        store<u8>(node, 0, N_FLAGS);
      } else {
        const entry = table + hashed * 12;
        store<u32>(entry, <u32>p, 0);
        store<u32>(entry, <u32>size, 4);
        store<u32>(entry, <u32>(node + N_REF), 8);
        store<u8>(node, 32, N_REFLEN);
        store<u8>(node, NEW, N_FLAGS);
        hashed++;
        p += size;
      }
    }
    digestMany(alg, table, hashed);
    start = end;
  }
}

/** Encodes and hashes one dirty node whose children are current. */
function hashOne(alg: u32, node: usize): void {
  const size = encodedSize(node);
  const buffer = scratchBuffer(size + 32);
  encode(node, buffer);
  if (size < 32) {
    memory.copy(node + N_REF, buffer, size);
    store<u8>(node, <u8>size, N_REFLEN);
    store<u8>(node, 0, N_FLAGS);
  } else {
    digest(alg, buffer, size, node + N_REF);
    store<u8>(node, 32, N_REFLEN);
    store<u8>(node, NEW, N_FLAGS);
  }
}

/** The root hash of the tree at `root` into `out` (refs must be current). */
export function rootHash(alg: u32, root: usize, out: usize): void {
  if (root == 0) {
    store<u8>(out, 0x80);
    digest(alg, out, 1, out);
    return;
  }
  if (load<u8>(root, N_REFLEN) == 32 || kindOf(root) == HASH) {
    memory.copy(out, root + N_REF, 32);
    return;
  }
  digest(alg, root + N_REF, <usize>load<u8>(root, N_REFLEN), out);
}
