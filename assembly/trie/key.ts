// The key being worked on, one nibble per byte, and the small outputs calls leave for the bindings.
import { MAX_KEY_BYTES } from './decode';

/** The current key's nibbles. */
export const KEY: usize = memory.data(2064, 16);
/** Number of nibbles in KEY. */
export let keyNibbles: usize = 0;

/** Sets KEY from `len` (<= MAX_KEY_BYTES) bytes at `p`. */
export function setKey(p: usize, len: usize): void {
  for (let i: usize = 0; i < len; i++) {
    const b = load<u8>(p + i);
    store<u8>(KEY + (i << 1), b >> 4);
    store<u8>(KEY + (i << 1) + 1, b & 15);
  }
  keyNibbles = len << 1;
}

export function keyFits(len: usize): bool {
  return len <= MAX_KEY_BYTES;
}

/** How many of the `pathLen` nibbles at `path` equal the key's from `pos` on. */
// @ts-ignore: decorator
@inline export function matchLength(path: usize, pathLen: usize, pos: usize): usize {
  const n = min<usize>(pathLen, keyNibbles - pos);
  const key = KEY + pos;
  let i: usize = 0;
  while (i + 8 <= n && load<u64>(path + i) == load<u64>(key + i)) i += 8;
  while (i < n && load<u8>(path + i) == load<u8>(key + i)) i++;
  return i;
}

/**
 * What a call reports besides its status (u32 fields): 0 a pointer (value, output), 4 a length,
 * 8 a count, 12 an index, 16 a byte offset.
 */
export const RESULT: usize = memory.data(64, 16);

// @ts-ignore: decorator
@inline export function report(ptr: usize, len: usize): void {
  store<u32>(RESULT, <u32>ptr, 0);
  store<u32>(RESULT, <u32>len, 4);
}

/** Stubs whose encodings the bindings must load before the call can go on. */
export const MISSING_MAX: usize = 256;
export const MISSING: usize = memory.data(256 * 4, 16);
export let missingCount: usize = 0;

export function clearMissing(): void {
  missingCount = 0;
}

/** Adds a stub to MISSING (once); false when the list is full. */
export function addMissing(stub: usize): bool {
  for (let i: usize = 0; i < missingCount; i++) {
    if (<usize>load<u32>(MISSING + (i << 2)) == stub) return true;
  }
  if (missingCount == MISSING_MAX) return false;
  store<u32>(MISSING + (missingCount << 2), <u32>stub);
  missingCount++;
  return true;
}
