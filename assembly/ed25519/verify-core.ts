// The cofactored verification equation of one signature, [8]([S]B - [k]A - R) = 0, by a
// double-scalar multiplication: k in width-5 NAF over a table of odd multiples of -A (built per
// signature), S in width-8 NAF over the static table of odd multiples of B, sharing doublings.
import { BASE_TABLE, BASE_WINDOW, D2 } from './generated/constants';
import { feAdd, feIsZero, feMul, feSub } from './field';
import { oddMultiples } from './odd-multiples';
import {
  addCached,
  addNiels,
  NIELS_BYTES,
  p1p1ToP2,
  p1p1ToP3,
  p2Double,
  p3Identity,
  X,
  Y,
  Z,
} from './point';
import { wnaf } from './scalar';

/** wNAF window for the per-signature point: odd multiples 1..15 (eight cached points). */
const A_WINDOW: i32 = 5;
const A_TABLE_SIZE: i32 = 1 << (A_WINDOW - 2);

const A_TABLE: usize = memory.data(160 * A_TABLE_SIZE, 16);
const K_DIGITS: usize = memory.data(256, 16);
const S_DIGITS: usize = memory.data(256, 16);
const K_PADDED: usize = memory.data(40, 16);
const S_PADDED: usize = memory.data(40, 16);
const ACC: usize = memory.data(160, 16);
const SUM: usize = memory.data(160, 16);
const NEXT: usize = memory.data(160, 16);
const R_NIELS: usize = memory.data(120, 16);
const DIFF: usize = memory.data(40, 16);

/**
 * Whether [8]([s]B - [k]A - R) is the identity, for reduced scalars k and s (32 bytes each) and
 * decoded points A = (ax, ay), R = (rx, ry).
 */
export function verifyEquation(k: usize, s: usize, ax: usize, ay: usize, rx: usize, ry: usize): bool {
  oddMultiples(A_TABLE, A_TABLE_SIZE, ax, ay, true); // the odd multiples of -A
  memory.fill(K_PADDED, 0, 40);
  memory.fill(S_PADDED, 0, 40);
  memory.copy(K_PADDED, k, 32);
  memory.copy(S_PADDED, s, 32);
  wnaf(K_DIGITS, K_PADDED, A_WINDOW);
  wnaf(S_DIGITS, S_PADDED, BASE_WINDOW);
  let top: i32 = 255;
  while (top >= 0 && load<i8>(K_DIGITS + <usize>top) == 0 && load<i8>(S_DIGITS + <usize>top) == 0) {
    top--;
  }
  p3Identity(ACC);
  for (let i = top; i >= 0; i--) {
    p2Double(SUM, ACC);
    const a = <i32>load<i8>(K_DIGITS + <usize>i);
    const b = <i32>load<i8>(S_DIGITS + <usize>i);
    if (a != 0) {
      p1p1ToP3(NEXT, SUM);
      addCached(SUM, NEXT, A_TABLE + 160 * <usize>(abs(a) >> 1), a < 0);
    }
    if (b != 0) {
      p1p1ToP3(NEXT, SUM);
      addNiels(SUM, NEXT, BASE_TABLE + NIELS_BYTES * <usize>(abs(b) >> 1), b < 0);
    }
    if (i > 0) p1p1ToP2(ACC, SUM);
    else p1p1ToP3(ACC, SUM);
  }
  // ACC = [s]B - [k]A as P3; subtract R, then multiply by the cofactor.
  feAdd(R_NIELS + X, ry, rx);
  feSub(R_NIELS + Y, ry, rx);
  feMul(R_NIELS + Z, rx, ry);
  feMul(R_NIELS + Z, R_NIELS + Z, D2);
  addNiels(SUM, ACC, R_NIELS, true);
  p1p1ToP2(ACC, SUM);
  for (let i = 0; i < 3; i++) {
    p2Double(SUM, ACC);
    p1p1ToP2(ACC, SUM);
  }
  return isIdentity(ACC);
}

/** Whether the P2 or P3 point at p is the identity: X = 0 and Y = Z. */
export function isIdentity(p: usize): bool {
  if (!feIsZero(p + X)) return false;
  feSub(DIFF, p + Y, p + Z);
  return feIsZero(DIFF);
}
