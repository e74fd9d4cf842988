// Four SHA-256 hashes of 64-byte messages at once, one message per i32x4 lane.
// Only compiled into the SIMD build (sha256Batch64 calls it under ASC_FEATURE_SIMD).
import { SCHEDULE } from './buffers';
import { K, PAD64_KW } from './generated/sha256-compress';
import { IV } from './sha256';
import { add3, big0, big1, ch, maj, small0, small1 } from './sha256-simd-functions';

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

/** The eight state words of the four lanes between the two blocks: a..h, one v128 each. */
const STATE4: usize = memory.data(128, 16);

/**
 * 64 rounds over the state in STATE4, adding the round input of step t:
 * W4[t] + K[t] when `transposed`, else the splatted precomputed padding W + K.
 */
// @ts-ignore: decorator
@inline function rounds4(transposed: bool): void {
  let a = v128.load(STATE4, 0);
  let b = v128.load(STATE4, 16);
  let c = v128.load(STATE4, 32);
  let d = v128.load(STATE4, 48);
  let e = v128.load(STATE4, 64);
  let f = v128.load(STATE4, 80);
  let g = v128.load(STATE4, 96);
  let h = v128.load(STATE4, 112);
  let t: v128;
  for (let i: usize = 0; i < 256; i += 32) {
    for (let j: usize = 0; j < 32; j += 16) {
      // Four rounds per inner step keep the loop body small enough for the register allocator.
      const s = i + j;
      t = add3(h, big1(e), i32x4.add(ch(e, f, g), roundInput(transposed, s)));
      d = i32x4.add(d, t);
      h = add3(t, big0(a), maj(a, b, c));
      t = add3(g, big1(d), i32x4.add(ch(d, e, f), roundInput(transposed, s + 4)));
      c = i32x4.add(c, t);
      g = add3(t, big0(h), maj(h, a, b));
      t = add3(f, big1(c), i32x4.add(ch(c, d, e), roundInput(transposed, s + 8)));
      b = i32x4.add(b, t);
      f = add3(t, big0(g), maj(g, h, a));
      t = add3(e, big1(b), i32x4.add(ch(b, c, d), roundInput(transposed, s + 12)));
      a = i32x4.add(a, t);
      e = add3(t, big0(f), maj(f, g, h));
      // After four rounds the names have rotated by four: rename back.
      t = a;
      a = e;
      e = t;
      t = b;
      b = f;
      f = t;
      t = c;
      c = g;
      g = t;
      t = d;
      d = h;
      h = t;
    }
  }
  v128.store(STATE4, i32x4.add(v128.load(STATE4, 0), a), 0);
  v128.store(STATE4, i32x4.add(v128.load(STATE4, 16), b), 16);
  v128.store(STATE4, i32x4.add(v128.load(STATE4, 32), c), 32);
  v128.store(STATE4, i32x4.add(v128.load(STATE4, 48), d), 48);
  v128.store(STATE4, i32x4.add(v128.load(STATE4, 64), e), 64);
  v128.store(STATE4, i32x4.add(v128.load(STATE4, 80), f), 80);
  v128.store(STATE4, i32x4.add(v128.load(STATE4, 96), g), 96);
  v128.store(STATE4, i32x4.add(v128.load(STATE4, 112), h), 112);
}

// @ts-ignore: decorator
@inline function roundInput(transposed: bool, offset: usize): v128 {
  if (transposed) {
    return i32x4.add(v128.load(W4 + (offset << 2)), v128.load32_splat(K + offset));
  }
  return v128.load32_splat(PAD64_KW + offset);
}

function expand4(): void {
  for (let p = W4 + 256, end = W4 + 1024; p < end; p += 16) {
    const w = add3(small1(v128.load(p - 32)), v128.load(p - 112), small0(v128.load(p - 240)));
    v128.store(p, i32x4.add(w, v128.load(p - 256)));
  }
}

/** SHA-256 of the four 64-byte messages at `input`, digests written to `output` (4 x 32 bytes). */
export function sha256Batch4(input: usize, output: usize): void {
  for (let q: usize = 0; q < 4; q++) loadTransposed(input, q);
  expand4();
  v128.store(STATE4, v128.load32_splat(IV, 0), 0);
  v128.store(STATE4, v128.load32_splat(IV, 4), 16);
  v128.store(STATE4, v128.load32_splat(IV, 8), 32);
  v128.store(STATE4, v128.load32_splat(IV, 12), 48);
  v128.store(STATE4, v128.load32_splat(IV, 16), 64);
  v128.store(STATE4, v128.load32_splat(IV, 20), 80);
  v128.store(STATE4, v128.load32_splat(IV, 24), 96);
  v128.store(STATE4, v128.load32_splat(IV, 28), 112);
  rounds4(true);
  rounds4(false);
  storeTransposed(output, 0, v128.load(STATE4, 0), v128.load(STATE4, 16), v128.load(STATE4, 32), v128.load(STATE4, 48));
  storeTransposed(output, 16, v128.load(STATE4, 64), v128.load(STATE4, 80), v128.load(STATE4, 96), v128.load(STATE4, 112));
}
