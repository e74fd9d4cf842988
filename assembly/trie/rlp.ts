// A strict reader of RLP items (Yellow Paper, appendix B): canonical lengths only, nothing past
// the end. Node encodings come from the store and proofs come from the network, so every length
// is checked against the bytes that are really there before anything is read.

/** The last item read: payload start and length, the end of the item, and whether it is a list. */
export let itemStart: usize = 0;
export let itemLen: usize = 0;
export let itemNext: usize = 0;
export let itemList: bool = false;

/** Reads the item at `p` that must end by `end`; false if it is malformed or not canonical. */
export function readItem(p: usize, end: usize): bool {
  if (p >= end) return false;
  const b = load<u8>(p);
  let start: usize;
  let len: usize;
  if (b < 0x80) {
    itemList = false;
    itemStart = p;
    itemLen = 1;
    itemNext = p + 1;
    return true;
  }
  if (b <= 0xb7 || (b >= 0xc0 && b <= 0xf7)) {
    itemList = b >= 0xc0;
    len = <usize>(b - (itemList ? 0xc0 : 0x80));
    start = p + 1;
    if (len > end - start) return false;
    // One byte below 0x80 is its own encoding.
    if (!itemList && len == 1 && load<u8>(start) < 0x80) return false;
  } else {
    itemList = b > 0xbf;
    const bytes = <usize>(b - (itemList ? 0xf7 : 0xb7));
    if (bytes > 4 || bytes > end - p - 1) return false;
    if (load<u8>(p + 1) == 0) return false;
    len = 0;
    for (let i: usize = 1; i <= bytes; i++) len = (len << 8) | <usize>load<u8>(p + i);
    if (len < 56) return false;
    start = p + 1 + bytes;
    if (len > end - start) return false;
  }
  itemStart = start;
  itemLen = len;
  itemNext = start + len;
  return true;
}

/** Number of items in the list payload [p, end), or -1 if an item is malformed. */
export function countItems(p: usize, end: usize): i32 {
  let count = 0;
  while (p < end) {
    if (!readItem(p, end)) return -1;
    p = itemNext;
    count++;
  }
  return count;
}

/** Reads item `index` of the list payload starting at `p` (which countItems validated). */
export function readNth(p: usize, end: usize, index: i32): void {
  for (let i = 0; i < index; i++) {
    readItem(p, end);
    p = itemNext;
  }
  readItem(p, end);
}
