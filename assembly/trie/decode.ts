// Decoding node encodings into records: a HASH stub becomes the node its hash names when the
// bindings load the encoding from the store (lazy loading), and children referenced by hash
// become new stubs. Inline children (under 32 bytes) are decoded with their parent.
import { free } from './alloc';
import {
  allocBlob,
  BRANCH,
  childAt,
  countStubs,
  cur,
  EXT,
  epoch,
  freeTree,
  HASH,
  kindOf,
  LEAF,
  N_ACCESS,
  N_BLOB,
  N_CHILD,
  N_CHILDREN,
  N_FLAGS,
  N_GEN,
  N_KIND,
  N_PATHLEN,
  N_REF,
  N_REFLEN,
  N_VALUELEN,
  NODE_BYTES,
  newNode,
  newStub,
  T_NODES,
} from './node';
import { countItems, itemLen, itemList, itemNext, itemStart, readItem } from './rlp';

/** Longest key, in bytes; paths are at most twice as many nibbles. */
export const MAX_KEY_BYTES: usize = 1024;
/** Scratch for a decoded path. */
const PATH: usize = memory.data(2064, 16);

/** Nibbles of the hex-prefix path of the string [p, p + len) into `out`; -1 if malformed. */
function hpDecode(p: usize, len: usize, out: usize, leaf: bool): i32 {
  if (len == 0) return -1;
  const first = load<u8>(p);
  const flag = first >> 4;
  if (flag > 3 || ((flag & 2) != 0) != leaf) return -1;
  const odd = (flag & 1) != 0;
  if (!odd && (first & 15) != 0) return -1;
  let n: usize = 0;
  if (odd) store<u8>(out + n++, first & 15);
  for (let i: usize = 1; i < len; i++) {
    const b = load<u8>(p + i);
    store<u8>(out + n++, b >> 4);
    store<u8>(out + n++, b & 15);
  }
  return <i32>n;
}

/** A child reference item at [p, end): 0 for the empty string, a stub, an inline node; -1 bad. */
function decodeRef(p: usize, end: usize, gen: u32): isize {
  if (!readItem(p, end)) return -1;
  if (!itemList) {
    if (itemLen == 0) return 0;
    if (itemLen != 32) return -1;
    return <isize>newStub(itemStart, gen);
  }
  const size = itemNext - p;
  if (size >= 32) return -1;
  const node = decodeNode(p, itemNext, gen);
  if (node == 0) return -1;
  memory.copy(node + N_REF, p, size);
  store<u8>(node, <u8>size, N_REFLEN);
  return <isize>node;
}

/**
 * A new record decoded from the encoding [p, end) (which must be exactly one list), clean, of
 * generation `gen`; 0 if the encoding is not a valid node (nothing is left allocated then).
 */
export function decodeNode(p: usize, end: usize, gen: u32): usize {
  if (!readItem(p, end) || !itemList || itemNext != end) return 0;
  const start = itemStart;
  const count = countItems(start, end);
  if (count == 17) {
    const node = newNode(BRANCH);
    store<u8>(node, 0, N_FLAGS);
    store<u32>(node, gen, N_GEN);
    let q = start;
    let entries = 0;
    for (let i: usize = 0; i < 16; i++) {
      const child = decodeRef(q, end, gen);
      if (child < 0) {
        freeTree(node);
        return 0;
      }
      readItem(q, end);
      q = itemNext;
      store<u32>(node + (i << 2), <u32>child, N_CHILDREN);
      if (child != 0) entries++;
    }
    readItem(q, end);
    if (itemList) {
      freeTree(node);
      return 0;
    }
    if (itemLen > 0) {
      const blob = allocBlob(itemLen);
      memory.copy(blob, itemStart, itemLen);
      store<u32>(node, <u32>blob, N_BLOB);
      store<u32>(node, <u32>itemLen, N_VALUELEN);
      entries++;
    }
    // A canonical branch has at least two entries (children or value).
    if (entries < 2) {
      freeTree(node);
      return 0;
    }
    return node;
  }
  if (count != 2) return 0;
  readItem(start, end);
  if (itemList || itemLen == 0 || itemLen > MAX_KEY_BYTES + 1) return 0;
  const leaf = (load<u8>(itemStart) & 0x20) != 0;
  const pathLen = hpDecode(itemStart, itemLen, PATH, leaf);
  if (pathLen < 0) return 0;
  const second = itemNext;
  if (leaf) {
    readItem(second, end);
    if (itemList || itemLen == 0) return 0;
    const node = newNode(LEAF);
    store<u8>(node, 0, N_FLAGS);
    store<u32>(node, gen, N_GEN);
    const blob = allocBlob(<usize>pathLen + itemLen);
    memory.copy(blob, PATH, <usize>pathLen);
    memory.copy(blob + <usize>pathLen, itemStart, itemLen);
    store<u32>(node, <u32>blob, N_BLOB);
    store<u32>(node, <u32>pathLen, N_PATHLEN);
    store<u32>(node, <u32>itemLen, N_VALUELEN);
    return node;
  }
  // An extension has a path and leads to a branch (or to a stub, which must be one). The path
  // is copied out of PATH before the child is decoded: an inline child reuses PATH.
  if (pathLen == 0) return 0;
  const node = newNode(EXT);
  store<u8>(node, 0, N_FLAGS);
  store<u32>(node, gen, N_GEN);
  const blob = allocBlob(<usize>pathLen);
  memory.copy(blob, PATH, <usize>pathLen);
  store<u32>(node, <u32>blob, N_BLOB);
  store<u32>(node, <u32>pathLen, N_PATHLEN);
  const child = decodeRef(second, end, gen);
  if (child <= 0) {
    freeTree(node);
    return 0;
  }
  store<u32>(node, <u32>child, N_CHILD);
  const childKind = kindOf(<usize>child);
  if (childKind != BRANCH && childKind != HASH) {
    freeTree(node);
    return 0;
  }
  return node;
}

/**
 * Turns the stub `stub` into the node encoded at [p, end), in place (its hash stays in REF):
 * false if the encoding is not a valid node.
 */
export function loadInto(stub: usize, p: usize, end: usize): bool {
  const node = decodeNode(p, end, load<u32>(stub, N_GEN));
  if (node == 0) return false;
  // Move everything but the identity (REF, REFLEN, GEN) from the decoded record into the stub.
  store<u8>(stub, load<u8>(node, N_KIND), N_KIND);
  store<u8>(stub, 0, N_FLAGS);
  store<u32>(stub, load<u32>(node, N_BLOB), N_BLOB);
  store<u32>(stub, load<u32>(node, N_PATHLEN), N_PATHLEN);
  store<u32>(stub, load<u32>(node, N_VALUELEN), N_VALUELEN);
  store<u32>(stub, load<u32>(node, N_CHILD), N_CHILD);
  store<u32>(stub, epoch, N_ACCESS);
  memory.copy(stub + N_CHILDREN, node + N_CHILDREN, NODE_BYTES - N_CHILDREN);
  store<u32>(cur, load<u32>(cur, T_NODES) - 1, T_NODES);
  free(node, NODE_BYTES);
  countStubs(-1);
  return true;
}

/**
 * Writes the hashes (32 bytes each) that the encoding [p, end) references, including those of
 * its inline children, to `out`; returns how many, or -1 if the encoding is not a valid node.
 */
export function childHashes(p: usize, end: usize, out: usize): i32 {
  const node = decodeNode(p, end, 0);
  if (node == 0) return -1;
  const n = collectStubs(node, out, 0);
  freeTree(node);
  return n;
}

function collectStubs(node: usize, out: usize, n: i32): i32 {
  const kind = kindOf(node);
  if (kind == HASH) {
    memory.copy(out + (<usize>n << 5), node + N_REF, 32);
    return n + 1;
  }
  if (kind == BRANCH) {
    for (let i: usize = 0; i < 16; i++) {
      const child = childAt(node, i);
      if (child != 0) n = collectStubs(child, out, n);
    }
  } else if (kind == EXT) {
    n = collectStubs(<usize>load<u32>(node, N_CHILD), out, n);
  }
  return n;
}
