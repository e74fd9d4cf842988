// SHA-256 compression (FIPS 180-4, 6.2.2) of four independent blocks at once, one per i32x4 lane:
// any block into any state. The hash module's 64-byte batch and the trie's multi-message hashing
// both run on it. SIMD builds only.
import { K } from './generated/sha256-compress';
import { add3, big0, big1, small0, small1 } from './sha256-simd-functions';

/**
 * Compresses the four blocks whose words W_0..W_15 are transposed at `w` (one v128 per word,
 * lane k = block k; `w` must have room for 64 words) into the four states at `state` (a..h,
 * one v128 each).
 */
export function sha256Compress4(state: usize, w: usize): void {
  for (let p = w + 256, end = w + 1024; p < end; p += 16) {
    const x = add3(small1(v128.load(p - 32)), v128.load(p - 112), small0(v128.load(p - 240)));
    v128.store(p, i32x4.add(x, v128.load(p - 256)));
  }
  let a = v128.load(state, 0);
  let b = v128.load(state, 16);
  let c = v128.load(state, 32);
  let d = v128.load(state, 48);
  let e = v128.load(state, 64);
  let f = v128.load(state, 80);
  let g = v128.load(state, 96);
  let h = v128.load(state, 112);
  let t: v128;
  for (let i: usize = 0; i < 64; i += 4) {
    // Four rounds per step, then the names rotate back.
    t = add3(h, big1(e), i32x4.add(v128.bitselect(f, g, e), roundInput(w, K, i)));
    d = i32x4.add(d, t);
    h = add3(t, big0(a), v128.bitselect(b, a, v128.xor(a, c)));
    t = add3(g, big1(d), i32x4.add(v128.bitselect(e, f, d), roundInput(w, K, i + 1)));
    c = i32x4.add(c, t);
    g = add3(t, big0(h), v128.bitselect(a, h, v128.xor(h, b)));
    t = add3(f, big1(c), i32x4.add(v128.bitselect(d, e, c), roundInput(w, K, i + 2)));
    b = i32x4.add(b, t);
    f = add3(t, big0(g), v128.bitselect(h, g, v128.xor(g, a)));
    t = add3(e, big1(b), i32x4.add(v128.bitselect(c, d, b), roundInput(w, K, i + 3)));
    a = i32x4.add(a, t);
    e = add3(t, big0(f), v128.bitselect(g, f, v128.xor(f, h)));
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
  v128.store(state, i32x4.add(v128.load(state, 0), a), 0);
  v128.store(state, i32x4.add(v128.load(state, 16), b), 16);
  v128.store(state, i32x4.add(v128.load(state, 32), c), 32);
  v128.store(state, i32x4.add(v128.load(state, 48), d), 48);
  v128.store(state, i32x4.add(v128.load(state, 64), e), 64);
  v128.store(state, i32x4.add(v128.load(state, 80), f), 80);
  v128.store(state, i32x4.add(v128.load(state, 96), g), 96);
  v128.store(state, i32x4.add(v128.load(state, 112), h), 112);
}

// @ts-ignore: decorator
@inline function roundInput(w: usize, k: usize, t: usize): v128 {
  return i32x4.add(v128.load(w + (t << 4)), v128.load32_splat(k + (t << 2)));
}
