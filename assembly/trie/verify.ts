// Proof verification: the proof's nodes are hashed first (four at a time in the SIMD build), then
// the key's path is walked from the root, each hashed reference checked against the next node.
// Proofs come from the network: every item is bounds-checked by the strict RLP reader.
import { digest, digestMany } from './hash';
import { KEY, keyNibbles, RESULT, report, setKey } from './key';
import { countItems, itemLen, itemList, itemNext, itemStart, readItem } from './rlp';

export const V_FOUND: i32 = 0;
export const V_ABSENT: i32 = 1;
export const V_HASH_MISMATCH: i32 = 2;
export const V_MALFORMED: i32 = 3;
export const V_INCOMPLETE: i32 = 4;
export const V_EXTRA_NODES: i32 = 5;

const EMPTY_ROOT: usize = memory.data(32, 16);
const PATH: usize = memory.data(2064, 16);
/** Longest hex-prefix string: 1 + 1024 bytes (the longest key). */
const MAX_HP_BYTES: usize = 1025;

let table: usize = 0;
let count: usize = 0;
/** Index of the next proof node to use. */
let next: usize = 0;

/** Reads item `index` of the list payload [p, end); returns where its header starts. */
function nth(p: usize, end: usize, index: usize): usize {
  for (let i: usize = 0; i < index; i++) {
    readItem(p, end);
    p = itemNext;
  }
  readItem(p, end);
  return p;
}

/** Nibbles of the hex-prefix string [p, p + len) into PATH; -1 if malformed. Sets `hpLeaf`. */
let hpLeaf = false;
function hpDecode(p: usize, len: usize): i32 {
  if (len == 0 || len > MAX_HP_BYTES) return -1;
  const first = load<u8>(p);
  const flag = first >> 4;
  if (flag > 3) return -1;
  hpLeaf = (flag & 2) != 0;
  const odd = (flag & 1) != 0;
  if (!odd && (first & 15) != 0) return -1;
  let n: usize = 0;
  if (odd) store<u8>(PATH + n++, first & 15);
  for (let i: usize = 1; i < len; i++) {
    const b = load<u8>(p + i);
    store<u8>(PATH + n++, b >> 4);
    store<u8>(PATH + n++, b & 15);
  }
  return <i32>n;
}

function finish(status: i32): i32 {
  store<u32>(RESULT, <u32>next, 12);
  if (next != count) return V_EXTRA_NODES;
  return status;
}

function fail(status: i32, index: usize): i32 {
  store<u32>(RESULT, <u32>index, 12);
  return status;
}

/**
 * Verifies that under the root hash at `root`, the key of `keyLen` bytes at `key` has the value
 * the proof shows (V_FOUND, value reported) or none (V_ABSENT). The proof's `n` nodes are
 * described by `nodes`: per node u32 pointer, u32 length, u32 pointer to 32 bytes for its digest.
 * Otherwise the failure, with the index of the node at fault at RESULT + 12.
 */
export function verifyProof(
  alg: u32,
  root: usize,
  key: usize,
  keyLen: usize,
  nodes: usize,
  n: usize,
): i32 {
  setKey(key, keyLen);
  table = nodes;
  count = n;
  next = 0;
  report(0, 0);
  if (count == 0) {
    store<u8>(EMPTY_ROOT, 0x80);
    digest(alg, EMPTY_ROOT, 1, EMPTY_ROOT);
    return memory.compare(EMPTY_ROOT, root, 32) == 0 ? finish(V_ABSENT) : fail(V_INCOMPLETE, 0);
  }
  digestMany(alg, table, count);
  let expected = root;
  let pos: usize = 0;
  for (;;) {
    if (next >= count) return fail(V_INCOMPLETE, next);
    const entry = table + next * 12;
    let p = <usize>load<u32>(entry, 0);
    let end = p + <usize>load<u32>(entry, 4);
    if (memory.compare(<usize>load<u32>(entry, 8), expected, 32) != 0) {
      return fail(V_HASH_MISMATCH, next);
    }
    const at = next;
    next++;
    // Walk this node and the inline nodes inside it until a hash reference leads on.
    for (;;) {
      if (!readItem(p, end) || !itemList || itemNext != end) return fail(V_MALFORMED, at);
      const start = itemStart;
      const items = countItems(start, end);
      let ref: usize;
      if (items == 17) {
        if (pos == keyNibbles) {
          nth(start, end, 16);
          if (itemList) return fail(V_MALFORMED, at);
          if (itemLen == 0) return finish(V_ABSENT);
          report(itemStart, itemLen);
          return finish(V_FOUND);
        }
        ref = nth(start, end, <usize>load<u8>(KEY + pos));
        pos++;
        if (!itemList && itemLen == 0) return finish(V_ABSENT);
      } else if (items == 2) {
        readItem(start, end);
        if (itemList) return fail(V_MALFORMED, at);
        const second = itemNext;
        const pathLen = hpDecode(itemStart, itemLen);
        if (pathLen < 0) return fail(V_MALFORMED, at);
        const len = <usize>pathLen;
        const matches =
          len <= keyNibbles - pos && memory.compare(PATH, KEY + pos, len) == 0;
        readItem(second, end);
        if (hpLeaf) {
          if (itemList || itemLen == 0) return fail(V_MALFORMED, at);
          if (!matches || pos + len != keyNibbles) return finish(V_ABSENT);
          report(itemStart, itemLen);
          return finish(V_FOUND);
        }
        if (len == 0 || (!itemList && itemLen != 32)) return fail(V_MALFORMED, at);
        if (!matches) return finish(V_ABSENT);
        pos += len;
        ref = second;
      } else {
        return fail(V_MALFORMED, at);
      }
      // The reference read last: a hash (32-byte string) or an inline node (a list).
      if (!itemList) {
        if (itemLen != 32) return fail(V_MALFORMED, at);
        expected = itemStart;
        break;
      }
      const size = itemNext - ref;
      if (size >= 32) return fail(V_MALFORMED, at);
      p = ref;
      end = itemNext;
      // Some provers (@ethereumjs/mpt) also list inline nodes on their own: skip such a copy.
      if (next < count) {
        const copy = table + next * 12;
        if (
          <usize>load<u32>(copy, 4) == size &&
          memory.compare(<usize>load<u32>(copy, 0), ref, size) == 0
        ) {
          next++;
        }
      }
    }
  }
  // (The loop above only returns.)
  return V_MALFORMED;
}
