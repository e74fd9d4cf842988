// Four SHA-256 hashes of 64-byte messages at once, one message per i32x4 lane.
// Only compiled into the SIMD build (sha256Batch64 calls it under ASC_FEATURE_SIMD).
import { SCHEDULE } from './buffers';
import { IV } from './sha256';
import { sha256Compress4 } from './sha256-simd-compress';

/** The transposed message schedule: W[t] of the four messages, one v128 per t. */
const W4: usize = SCHEDULE;

// @ts-ignore: decorator
@inline function byteSwap(x: v128): v128 {
  return i8x16.shuffle(x, x, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
}

/** Loads words 4q..4q+3 of the four messages and stores them transposed (lane k = message k). */
// @ts-ignore: decorator
@inline function loadTransposed(input: usize, q: usize): void {
  const v0 = byteSwap(v128.load(input + (q << 4)));
  const v1 = byteSwap(v128.load(input + 64 + (q << 4)));
  const v2 = byteSwap(v128.load(input + 128 + (q << 4)));
  const v3 = byteSwap(v128.load(input + 192 + (q << 4)));
  const t0 = v128.shuffle<i32>(v0, v1, 0, 4, 1, 5);
  const t1 = v128.shuffle<i32>(v2, v3, 0, 4, 1, 5);
  const t2 = v128.shuffle<i32>(v0, v1, 2, 6, 3, 7);
  const t3 = v128.shuffle<i32>(v2, v3, 2, 6, 3, 7);
  const out = W4 + (q << 6);
  v128.store(out, v128.shuffle<i32>(t0, t1, 0, 1, 4, 5), 0);
  v128.store(out, v128.shuffle<i32>(t0, t1, 2, 3, 6, 7), 16);
  v128.store(out, v128.shuffle<i32>(t2, t3, 0, 1, 4, 5), 32);
  v128.store(out, v128.shuffle<i32>(t2, t3, 2, 3, 6, 7), 48);
}

/** Transposes four state words back to four messages and stores them big-endian. */
// @ts-ignore: decorator
@inline function storeTransposed(out: usize, offset: usize, s0: v128, s1: v128, s2: v128, s3: v128): void {
  const t0 = v128.shuffle<i32>(s0, s1, 0, 4, 1, 5);
  const t1 = v128.shuffle<i32>(s2, s3, 0, 4, 1, 5);
  const t2 = v128.shuffle<i32>(s0, s1, 2, 6, 3, 7);
  const t3 = v128.shuffle<i32>(s2, s3, 2, 6, 3, 7);
  v128.store(out + offset, byteSwap(v128.shuffle<i32>(t0, t1, 0, 1, 4, 5)));
  v128.store(out + offset + 32, byteSwap(v128.shuffle<i32>(t0, t1, 2, 3, 6, 7)));
  v128.store(out + offset + 64, byteSwap(v128.shuffle<i32>(t2, t3, 0, 1, 4, 5)));
  v128.store(out + offset + 96, byteSwap(v128.shuffle<i32>(t2, t3, 2, 3, 6, 7)));
}

/** The eight state words of the four lanes: a..h, one v128 each. */
const STATE4: usize = memory.data(128, 16);

/** SHA-256 of the four 64-byte messages at `input`, digests written to `output` (4 x 32 bytes). */
export function sha256Batch4(input: usize, output: usize): void {
  for (let q: usize = 0; q < 4; q++) loadTransposed(input, q);
  for (let i: usize = 0; i < 32; i += 4) v128.store(STATE4 + (i << 2), v128.load32_splat(IV + i));
  sha256Compress4(STATE4, W4);
  // The padding block of a 64-byte message: 0x80, zeros, the length of 512 bits.
  memory.fill(W4, 0, 256);
  v128.store(W4, i32x4.splat(0x80000000));
  v128.store(W4 + 240, i32x4.splat(512));
  sha256Compress4(STATE4, W4);
  storeTransposed(output, 0, v128.load(STATE4, 0), v128.load(STATE4, 16), v128.load(STATE4, 32), v128.load(STATE4, 48));
  storeTransposed(output, 16, v128.load(STATE4, 64), v128.load(STATE4, 80), v128.load(STATE4, 96), v128.load(STATE4, 112));
}
