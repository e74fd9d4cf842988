// SM3 (GB/T 32905-2016): one-shot, streaming and 64-byte batch kernels over the static buffers.
//
// The compression function is unrolled in sm3-compress.ts (any block) and sm3-pad64.ts (the
// constant padding block of a 64-byte message, whose schedule is precomputed); the SIMD build
// hashes four 64-byte messages at once in sm3-simd.ts. Words are big-endian, as the standard.
import {
  CONTEXT,
  CTX_BLOCK,
  CTX_PENDING,
  CTX_STATE,
  CTX_TOTAL,
  INPUT,
  OUTPUT,
  SCHEDULE,
} from './buffers';
import { compress } from './generated/sm3-compress';
import { compressPad64 } from './generated/sm3-pad64';
import { sm3Batch4 } from './sm3-simd';

/** The initial value IV (GB/T 32905-2016, 4.1) as eight u32. */
export const IV: usize = memory.data<u32>([
  0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e,
]);

// Scratch in SCHEDULE: 0..384 is the SIMD batch's (sm3-simd.ts); the one-shot and scalar batch
// kernels keep their chaining state and padded tail here, never in CONTEXT, which may hold a
// streaming hasher's state between its calls.
/** Chaining state (eight u32) of the one-shot and scalar batch kernels. */
const STATE: usize = SCHEDULE + 512;
/** The one or two padded final blocks of a one-shot digest. */
const TAIL: usize = SCHEDULE + 640;

function setIv(state: usize): void {
  store<u64>(state, load<u64>(IV, 0), 0);
  store<u64>(state, load<u64>(IV, 8), 8);
  store<u64>(state, load<u64>(IV, 16), 16);
  store<u64>(state, load<u64>(IV, 24), 24);
}

function writeDigest(state: usize, out: usize): void {
  store<u32>(out, bswap<u32>(load<u32>(state, 0)), 0);
  store<u32>(out, bswap<u32>(load<u32>(state, 4)), 4);
  store<u32>(out, bswap<u32>(load<u32>(state, 8)), 8);
  store<u32>(out, bswap<u32>(load<u32>(state, 12)), 12);
  store<u32>(out, bswap<u32>(load<u32>(state, 16)), 16);
  store<u32>(out, bswap<u32>(load<u32>(state, 20)), 20);
  store<u32>(out, bswap<u32>(load<u32>(state, 24)), 24);
  store<u32>(out, bswap<u32>(load<u32>(state, 28)), 28);
}

/**
 * Appends the padding to the `rest` (< 64) message bytes at `block`: 0x80, then zeros to the end
 * of the 64-byte block. Word-wise, since V8 calls out of line for memory.copy and memory.fill.
 */
function padBlock(block: usize, rest: usize): void {
  let i = rest & ~7;
  const shift = (<u64>(rest & 7)) << 3;
  store<u64>(
    block + i,
    (load<u64>(block + i) & (((<u64>1) << shift) - 1)) | ((<u64>0x80) << shift),
  );
  for (i += 8; i < 64; i += 8) store<u64>(block + i, 0);
}

/** Hashes INPUT[0..length) (length <= INPUT_BYTES) and writes the digest to OUTPUT. */
export function sm3Digest(length: i32): void {
  setIv(STATE);
  const blocks = length >>> 6;
  if (blocks) compress(STATE, INPUT, blocks);
  const bits = bswap<u64>((<u64>length) << 3);
  const rest = <usize>(length & 63);
  if (length === 64) {
    compressPad64(STATE);
  } else {
    // Whole words, so up to 7 bytes past the message are read (and then masked off).
    const src = INPUT + ((<usize>blocks) << 6);
    for (let i: usize = 0; i < rest; i += 8) store<u64>(TAIL + i, load<u64>(src + i));
    padBlock(TAIL, rest);
    if (rest < 56) {
      store<u64>(TAIL, bits, 56);
      compress(STATE, TAIL, 1);
    } else {
      for (let i: usize = 64; i < 120; i += 8) store<u64>(TAIL + i, 0);
      store<u64>(TAIL, bits, 120);
      compress(STATE, TAIL, 2);
    }
  }
  writeDigest(STATE, OUTPUT);
}

/** Starts a streaming hash in CONTEXT: state IV, nothing absorbed, nothing pending. */
export function sm3Init(): void {
  setIv(CONTEXT + CTX_STATE);
  store<u64>(CONTEXT + CTX_TOTAL, 0);
  store<u32>(CONTEXT + CTX_PENDING, 0);
}

/** Absorbs INPUT[0..length) into CONTEXT, keeping a partial block in CTX_BLOCK. */
export function sm3Update(length: i32): void {
  const state = CONTEXT + CTX_STATE;
  const block = CONTEXT + CTX_BLOCK;
  let p = INPUT;
  let n = length;
  store<u64>(CONTEXT + CTX_TOTAL, load<u64>(CONTEXT + CTX_TOTAL) + <u64>n);
  let pending = load<i32>(CONTEXT + CTX_PENDING);
  if (pending) {
    const take = min(64 - pending, n);
    memory.copy(block + pending, p, take);
    pending += take;
    if (pending < 64) {
      store<i32>(CONTEXT + CTX_PENDING, pending);
      return;
    }
    compress(state, block, 1);
    p += take;
    n -= take;
  }
  const blocks = n >>> 6;
  if (blocks) compress(state, p, blocks);
  n &= 63;
  if (n) memory.copy(block, p + ((<usize>blocks) << 6), n);
  store<i32>(CONTEXT + CTX_PENDING, n);
}

/** Pads and finishes the hash in CONTEXT and writes the digest to OUTPUT. */
export function sm3Final(): void {
  const state = CONTEXT + CTX_STATE;
  const block = CONTEXT + CTX_BLOCK;
  const pending = load<u32>(CONTEXT + CTX_PENDING);
  padBlock(block, pending);
  if (pending >= 56) {
    compress(state, block, 1);
    for (let i: usize = 0; i < 56; i += 8) store<u64>(block + i, 0);
  }
  store<u64>(block + 56, bswap<u64>(load<u64>(CONTEXT + CTX_TOTAL) << 3));
  compress(state, block, 1);
  writeDigest(state, OUTPUT);
}

/** Hashes `count` 64-byte messages at INPUT + 64 i into OUTPUT + 32 i (the Merkle hot path). */
export function sm3Batch64(count: i32): void {
  let p = INPUT;
  let out = OUTPUT;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= count; i += 4) {
      sm3Batch4(p, out);
      p += 256;
      out += 128;
    }
  }
  for (; i < count; i++) {
    setIv(STATE);
    compress(STATE, p, 1);
    compressPad64(STATE);
    writeDigest(STATE, out);
    p += 64;
    out += 32;
  }
}
