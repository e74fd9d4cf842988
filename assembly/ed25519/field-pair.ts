// Two field operations at once: in the SIMD build one generated function computes both in the
// two i64x2 lanes (./generated/field-pairs.ts, about 1.35 times the speed of two calls); in the
// scalar build, two calls. Every point formula pairs up its independent products this way.
//
// Outputs may be their own lane's inputs but not the other lane's; operands must stay within the
// SIMD bound: sums of up to three carried elements (see scripts/wasm-codegen/ed25519-field.ts).
import { feMul, feSq, feSq2 } from './generated/field-mul';
import { feMulPair, feSqPair, feSqSq2Pair } from './generated/field-pairs';

/** h = f * g and hb = fb * gb. */
// @ts-ignore: decorator
@inline export function mulPair(h: usize, f: usize, g: usize, hb: usize, fb: usize, gb: usize): void {
  if (ASC_FEATURE_SIMD) {
    feMulPair(h, f, g, hb, fb, gb);
  } else {
    feMul(h, f, g);
    feMul(hb, fb, gb);
  }
}

/** h = f^2 and hb = fb^2. */
// @ts-ignore: decorator
@inline export function sqPair(h: usize, f: usize, hb: usize, fb: usize): void {
  if (ASC_FEATURE_SIMD) {
    feSqPair(h, f, hb, fb);
  } else {
    feSq(h, f);
    feSq(hb, fb);
  }
}

/** h = f^2 and hb = 2 fb^2. */
// @ts-ignore: decorator
@inline export function sqSq2Pair(h: usize, f: usize, hb: usize, fb: usize): void {
  if (ASC_FEATURE_SIMD) {
    feSqSq2Pair(h, f, hb, fb);
  } else {
    feSq(h, f);
    feSq2(hb, fb);
  }
}

/** h = f^(2^n) and hb = fb^(2^n). */
export function sqNPair(h: usize, f: usize, hb: usize, fb: usize, n: i32): void {
  sqPair(h, f, hb, fb);
  for (let i = 1; i < n; i++) sqPair(h, h, hb, hb);
}
