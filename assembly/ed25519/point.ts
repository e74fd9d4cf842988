// Group arithmetic on edwards25519 (-x^2 + y^2 = 1 + d x^2 y^2) in the coordinate systems of
// Hisil, Wong, Carter and Dawson ("Twisted Edwards curves revisited", 2008), named as in ref10:
//
//   P2     (X : Y : Z)              x = X/Z, y = Y/Z                     120 bytes
//   P3     (X : Y : Z : T)          extended, also T = XY/Z              160 bytes
//   P1P1   ((X : Z), (Y : T))       completed, x = X/Z, y = Y/T          160 bytes
//   CACHED (Y + X, Y - X, Z, 2dT)   an addend for P3 + CACHED            160 bytes
//   NIELS  (y + x, y - x, 2dxy)     an addend with Z = 1 (mixed)         120 bytes
//
// Every function here writes its result after reading its inputs, field element by field
// element, so that the limb bounds stay within the multiplication's budget (see field.ts).
import { D2 } from './generated/constants';
import { feAdd, feMul, feSub } from './field';
import { mulPair, sqPair, sqSq2Pair } from './field-pair';

export const X: usize = 0;
export const Y: usize = 40;
export const Z: usize = 80;
export const T: usize = 120;
export const NIELS_BYTES: usize = 120;

const T0: usize = memory.data(40, 16);

/** r (P1P1) = 2 p, p a P2 or a P3 (dbl-2008-hwcd with a = -1); r must not be p. */
export function p2Double(r: usize, p: usize): void {
  sqPair(r + X, p + X, r + Z, p + Y); // XX, YY
  feAdd(r + Y, p + X, p + Y);
  sqSq2Pair(T0, r + Y, r + T, p + Z); // (X + Y)^2, 2ZZ
  feAdd(r + Y, r + Z, r + X); // YY + XX
  feSub(r + Z, r + Z, r + X); // YY - XX
  feSub(r + X, T0, r + Y); // 2XY
  feSub(r + T, r + T, r + Z); // 2ZZ - (YY - XX)
}

/** r (P2) = p (P1P1); r must not be p. */
export function p1p1ToP2(r: usize, p: usize): void {
  mulPair(r + X, p + X, p + T, r + Y, p + Y, p + Z);
  feMul(r + Z, p + Z, p + T);
}

/** r (P3) = p (P1P1); r must not be p. */
export function p1p1ToP3(r: usize, p: usize): void {
  mulPair(r + X, p + X, p + T, r + Y, p + Y, p + Z);
  mulPair(r + Z, p + Z, p + T, r + T, p + X, p + Y);
}

/** r (CACHED) = p (P3). */
export function p3ToCached(r: usize, p: usize): void {
  feAdd(r + X, p + Y, p + X);
  feSub(r + Y, p + Y, p + X);
  memory.copy(r + Z, p + Z, 40);
  feMul(r + T, p + T, D2);
}

/** r (P1P1) = p (P3) + q (CACHED), or p - q when `subtract` (add-2008-hwcd-3, k = 2d). */
export function addCached(r: usize, p: usize, q: usize, subtract: bool): void {
  feAdd(r + X, p + Y, p + X);
  feSub(r + Y, p + Y, p + X);
  // -q = (Y - X, Y + X, Z, -2dT): swap the first two and negate the last.
  // B = (Y1 + X1)(Y2 + X2), A = (Y1 - X1)(Y2 - X2); C = 2d T1 T2, Z1 Z2
  mulPair(r + Z, r + X, q + (subtract ? Y : X), r + Y, r + Y, q + (subtract ? X : Y));
  mulPair(r + T, q + T, p + T, r + X, p + Z, q + Z);
  feAdd(T0, r + X, r + X); // D = 2 Z1 Z2
  feSub(r + X, r + Z, r + Y); // E = B - A
  feAdd(r + Y, r + Z, r + Y); // H = B + A
  if (subtract) {
    feSub(r + Z, T0, r + T); // G = D + C with C negated
    feAdd(r + T, T0, r + T); // F = D - C with C negated
  } else {
    feAdd(r + Z, T0, r + T); // G = D + C
    feSub(r + T, T0, r + T); // F = D - C
  }
}

/** r (P1P1) = p (P3) + q (NIELS, Z = 1), or p - q when `subtract`. */
export function addNiels(r: usize, p: usize, q: usize, subtract: bool): void {
  feAdd(r + X, p + Y, p + X);
  feSub(r + Y, p + Y, p + X);
  mulPair(r + Z, r + X, q + (subtract ? Y : X), r + Y, r + Y, q + (subtract ? X : Y));
  feMul(r + T, q + Z, p + T); // the NIELS 2dxy sits where CACHED keeps Z
  feAdd(T0, p + Z, p + Z);
  feSub(r + X, r + Z, r + Y);
  feAdd(r + Y, r + Z, r + Y);
  if (subtract) {
    feSub(r + Z, T0, r + T);
    feAdd(r + T, T0, r + T);
  } else {
    feAdd(r + Z, T0, r + T);
    feSub(r + T, T0, r + T);
  }
}

/** r (P3) = the identity (0 : 1 : 1 : 0). */
export function p3Identity(r: usize): void {
  memory.fill(r, 0, 160);
  store<i32>(r + Y, 1);
  store<i32>(r + Z, 1);
}
