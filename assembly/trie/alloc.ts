// The trie's allocator: segregated free lists over chunks taken from the runtime's heap.
//
// The module uses the stub runtime, whose heap only grows; trie nodes and their byte blobs are
// freed and reused all the time, so this file keeps one free list per size class on top of it:
// 16-byte steps up to 512 bytes (node records are 128), powers of two above. Callers pass the
// size back to `free` (every blob's size is in its node), so blocks carry no header.
// Memory never shrinks; the bindings refresh their views when `memory.buffer` changes.

/** Size classes 1..32 are 16 * c bytes; class 33 + k is 1024 << k bytes. */
const CLASSES: i32 = 56;
const FREE_LISTS: usize = memory.data(CLASSES * 4, 16);
/** Bytes carved from one chunk of the runtime heap at a time. */
const CHUNK_BYTES: usize = 1 << 20;

let chunkNext: usize = 0;
let chunkEnd: usize = 0;
/** Bytes handed out and not freed, in whole size classes (for statistics and tests). */
export let liveBytes: usize = 0;
/** Bytes taken from the runtime heap (never given back). */
export let reservedBytes: usize = 0;

// @ts-ignore: decorator
@inline function classOf(size: usize): usize {
  if (size <= 512) return (size + 15) >> 4;
  return 33 + (<usize>(32 - clz<u32>(<u32>(size - 1)))) - 10;
}

// @ts-ignore: decorator
@inline function classBytes(c: usize): usize {
  return c <= 32 ? c << 4 : (<usize>1024) << (c - 33);
}

/** A block of at least `size` bytes, 16-byte aligned; 0 for size 0. Traps when memory is exhausted. */
export function alloc(size: usize): usize {
  if (size == 0) return 0;
  const c = classOf(size);
  const slot = FREE_LISTS + (c << 2);
  const head = <usize>load<u32>(slot);
  const bytes = classBytes(c);
  liveBytes += bytes;
  if (head != 0) {
    store<u32>(slot, load<u32>(head));
    return head;
  }
  if (bytes >= CHUNK_BYTES >> 2) {
    reservedBytes += bytes;
    return heap.alloc(bytes);
  }
  if (chunkNext + bytes > chunkEnd) {
    chunkNext = heap.alloc(CHUNK_BYTES);
    chunkEnd = chunkNext + CHUNK_BYTES;
    reservedBytes += CHUNK_BYTES;
  }
  const block = chunkNext;
  chunkNext += bytes;
  return block;
}

/** Returns a block of `size` bytes (the size it was allocated with) to its free list. */
export function free(block: usize, size: usize): void {
  if (block == 0 || size == 0) return;
  const c = classOf(size);
  const slot = FREE_LISTS + (c << 2);
  store<u32>(block, load<u32>(slot));
  store<u32>(slot, <u32>block);
  liveBytes -= classBytes(c);
}

/** The bytes a block of `size` really occupies. */
export function footprint(size: usize): usize {
  return size == 0 ? 0 : classBytes(classOf(size));
}
