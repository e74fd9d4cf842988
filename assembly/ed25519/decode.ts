// Point decoding under ZIP 215 (see docs/adr/0004-ed25519-verification-rule.md), matching
// @noble/ed25519's Point.fromBytes(bytes, zip215 = true):
//   - y is the low 255 bits as an integer, unreduced: 2^255 - 19 <= y < 2^255 is accepted and
//     means y - p (non-canonical encodings of the points with y in 0..18);
//   - x is the square root of (y^2 - 1) / (d y^2 + 1) whose parity is bit 255; decoding fails only
//     when there is no square root;
//   - x = 0 with bit 255 set is accepted (as x = 0);
//   - small-order points and points with a torsion component are accepted.
// Signatures always need two points (A and R), so they are decoded together, lane by lane.
import { D, SQRT_M1 } from './generated/constants';
import { feAdd, feCarry, feFromBytes, feIsNegative, feIsZero, feMul, feNeg, feSub } from './field';
import { mulPair, sqNPair, sqPair } from './field-pair';

const ONE: usize = memory.data<i32>([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
// Two of each temporary: lane a at +0, lane b at +40.
const U: usize = memory.data(80, 16);
const V: usize = memory.data(80, 16);
const V3: usize = memory.data(80, 16);
const VXX: usize = memory.data(80, 16);
const T0: usize = memory.data(80, 16);
// The exponentiation's own temporaries.
const P0: usize = memory.data(80, 16);
const P1: usize = memory.data(80, 16);
const P2: usize = memory.data(80, 16);
const CHECK: usize = memory.data(40, 16);

/** h = z^((p - 5) / 8) = z^(2^252 - 3) in both lanes (h at +0 and +40, z likewise). */
function pow22523Pair(h: usize, z: usize): void {
  const b: usize = 40;
  sqPair(P0, z, P0 + b, z + b); // z^2
  sqNPair(P1, P0, P1 + b, P0 + b, 2); // z^8
  mulPair(P1, z, P1, P1 + b, z + b, P1 + b); // z^9
  mulPair(P0, P0, P1, P0 + b, P0 + b, P1 + b); // z^11
  sqPair(P0, P0, P0 + b, P0 + b); // z^22
  mulPair(P0, P1, P0, P0 + b, P1 + b, P0 + b); // z^(2^5 - 1)
  sqNPair(P1, P0, P1 + b, P0 + b, 5);
  mulPair(P0, P1, P0, P0 + b, P1 + b, P0 + b); // z^(2^10 - 1)
  sqNPair(P1, P0, P1 + b, P0 + b, 10);
  mulPair(P1, P1, P0, P1 + b, P1 + b, P0 + b); // z^(2^20 - 1)
  sqNPair(P2, P1, P2 + b, P1 + b, 20);
  mulPair(P1, P2, P1, P1 + b, P2 + b, P1 + b); // z^(2^40 - 1)
  sqNPair(P1, P1, P1 + b, P1 + b, 10);
  mulPair(P0, P1, P0, P0 + b, P1 + b, P0 + b); // z^(2^50 - 1)
  sqNPair(P1, P0, P1 + b, P0 + b, 50);
  mulPair(P1, P1, P0, P1 + b, P1 + b, P0 + b); // z^(2^100 - 1)
  sqNPair(P2, P1, P2 + b, P1 + b, 100);
  mulPair(P1, P2, P1, P1 + b, P2 + b, P1 + b); // z^(2^200 - 1)
  sqNPair(P1, P1, P1 + b, P1 + b, 50);
  mulPair(P0, P1, P0, P0 + b, P1 + b, P0 + b); // z^(2^250 - 1)
  sqNPair(P0, P0, P0 + b, P0 + b, 2); // z^(2^252 - 4)
  mulPair(h, P0, z, h + b, P0 + b, z + b); // z^(2^252 - 3)
}

/** Settles the root x of one lane given u and v x^2; false when (y^2 - 1) / (d y^2 + 1) has none. */
function finishRoot(x: usize, u: usize, vxx: usize, s: usize): bool {
  feSub(CHECK, vxx, u);
  if (!feIsZero(CHECK)) {
    feAdd(CHECK, vxx, u);
    if (!feIsZero(CHECK)) return false; // v x^2 = -u sqrt(-1): (y^2 - 1) / (d y^2 + 1) is not a square
    feMul(x, x, SQRT_M1);
  }
  const sign = (load<u8>(s + 31) >> 7) != 0;
  if (feIsNegative(x) != sign) feNeg(x, x); // for x = 0 this keeps x = 0: ZIP 215 accepts that
  return true;
}

/**
 * Decodes the 32 bytes at `sa` into affine (xa, ya) and those at `sb` into (xb, yb), all carried.
 * Returns bit 0 set when the first is a point, bit 1 set when the second is.
 */
export function decodePair(xa: usize, ya: usize, sa: usize, xb: usize, yb: usize, sb: usize): i32 {
  const b: usize = 40;
  feFromBytes(ya, sa);
  feCarry(ya);
  feFromBytes(yb, sb);
  feCarry(yb);
  sqPair(U, ya, U + b, yb);
  mulPair(V, U, D, V + b, U + b, D);
  feSub(U, U, ONE); // u = y^2 - 1
  feSub(U + b, U + b, ONE);
  feAdd(V, V, ONE); // v = d y^2 + 1
  feAdd(V + b, V + b, ONE);
  sqPair(V3, V, V3 + b, V + b);
  mulPair(V3, V3, V, V3 + b, V3 + b, V + b); // v^3
  sqPair(T0, V3, T0 + b, V3 + b);
  mulPair(T0, T0, V, T0 + b, T0 + b, V + b); // v^7
  mulPair(T0, T0, U, T0 + b, T0 + b, U + b); // u v^7
  pow22523Pair(T0, T0); // (u v^7)^((p - 5) / 8)
  mulPair(T0, T0, V3, T0 + b, T0 + b, V3 + b);
  mulPair(xa, T0, U, xb, T0 + b, U + b); // x = u v^3 (u v^7)^((p - 5) / 8)
  sqPair(VXX, xa, VXX + b, xb);
  mulPair(VXX, VXX, V, VXX + b, VXX + b, V + b); // v x^2
  let ok: i32 = 0;
  if (finishRoot(xa, U, VXX, sa)) ok |= 1;
  if (finishRoot(xb, U + b, VXX + b, sb)) ok |= 2;
  return ok;
}
