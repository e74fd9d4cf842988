// Four SM3 hashes of 64-byte messages at once, one message per i32x4 lane. Only compiled into
// the SIMD build: sm3Batch64 calls sm3Batch4 under ASC_FEATURE_SIMD.
import { SCHEDULE } from './buffers';
import { IV } from './sm3';
import { compressData4, compressPad4 } from './generated/sm3-simd-rounds';

/** The four data blocks, transposed: W_0..W_15 of the four messages, one v128 per word. */
const W4: usize = SCHEDULE;
/** The four chaining states, transposed: A..H, one v128 each. */
const STATE4: usize = SCHEDULE + 256;

/** T_j <<< (j mod 32) for the 64 rounds, each in all four lanes. */
export const K4: usize = memory.data(64 * 16, 16);
/** W_j and W'_j of the padding block of a 64-byte message, each in all four lanes. */
export const PAD_W4: usize = memory.data(64 * 16, 16);
export const PAD_WP4: usize = memory.data(64 * 16, 16);

/** Fills the constant tables (once, at instantiation; SCHEDULE serves as scratch). */
function initTables(): void {
  const w = SCHEDULE;
  memory.fill(w, 0, 68 * 4);
  store<u32>(w, 0x80000000, 0);
  store<u32>(w, 512, 60);
  for (let q = w + 64; q < w + 68 * 4; q += 4) {
    const x = load<u32>(q - 64) ^ load<u32>(q - 36) ^ rotl<u32>(load<u32>(q - 12), 15);
    const p1 = x ^ rotl<u32>(x, 15) ^ rotl<u32>(x, 23);
    store<u32>(q, p1 ^ rotl<u32>(load<u32>(q - 52), 7) ^ load<u32>(q - 24));
  }
  for (let j: usize = 0; j < 64; j++) {
    v128.store(K4 + (j << 4), i32x4.splat(rotl<u32>(j < 16 ? 0x79cc4519 : 0x7a879d8a, <u32>j)));
    const wj = load<u32>(w + (j << 2));
    v128.store(PAD_W4 + (j << 4), i32x4.splat(wj));
    v128.store(PAD_WP4 + (j << 4), i32x4.splat(wj ^ load<u32>(w + (j << 2) + 16)));
  }
}

if (ASC_FEATURE_SIMD) initTables();

function byteSwap(x: v128): v128 {
  return i8x16.shuffle(x, x, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
}

/** Lanes (x0, y0, x1, y1). */
function lo32(x: v128, y: v128): v128 {
  return i8x16.shuffle(x, y, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23);
}

/** Lanes (x2, y2, x3, y3). */
function hi32(x: v128, y: v128): v128 {
  return i8x16.shuffle(x, y, 8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31);
}

/** Lanes (x0, x1, y0, y1). */
function lo64(x: v128, y: v128): v128 {
  return i8x16.shuffle(x, y, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
}

/** Lanes (x2, x3, y2, y3). */
function hi64(x: v128, y: v128): v128 {
  return i8x16.shuffle(x, y, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
}

/**
 * Transposes a 4x4 matrix of u32, byte-swapping every word: row i at src + i * srcStride,
 * column i to dst + i * dstStride.
 */
function transpose(src: usize, srcStride: usize, dst: usize, dstStride: usize): void {
  const r0 = byteSwap(v128.load(src));
  const r1 = byteSwap(v128.load(src + srcStride));
  const r2 = byteSwap(v128.load(src + 2 * srcStride));
  const r3 = byteSwap(v128.load(src + 3 * srcStride));
  const t0 = lo32(r0, r1);
  const t1 = hi32(r0, r1);
  const t2 = lo32(r2, r3);
  const t3 = hi32(r2, r3);
  v128.store(dst, lo64(t0, t2));
  v128.store(dst + dstStride, hi64(t0, t2));
  v128.store(dst + 2 * dstStride, lo64(t1, t3));
  v128.store(dst + 3 * dstStride, hi64(t1, t3));
}

/** Hashes the four 64-byte messages at `p` and writes their four digests to `out`. */
export function sm3Batch4(p: usize, out: usize): void {
  // Word q of message k (big-endian) goes to lane k of W4[q].
  transpose(p, 64, W4, 16);
  transpose(p + 16, 64, W4 + 64, 16);
  transpose(p + 32, 64, W4 + 128, 16);
  transpose(p + 48, 64, W4 + 192, 16);
  for (let i: usize = 0; i < 32; i += 4) {
    v128.store(STATE4 + (i << 2), i32x4.splat(load<u32>(IV + i)));
  }
  compressData4(STATE4, W4);
  compressPad4(STATE4);
  // Lane k of A..H is digest k: A..D become its first 16 bytes, E..H the last 16 (big-endian).
  transpose(STATE4, 16, out, 32);
  transpose(STATE4 + 64, 16, out + 16, 32);
}
