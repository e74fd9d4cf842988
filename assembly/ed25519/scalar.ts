// Scalars modulo the group order L = 2^252 + 27742317777372353535851937790883648493, as eight
// little-endian u32 words (32 bytes). Nothing here is secret, so nothing is constant-time.
import { BARRETT_MU, ORDER } from './generated/constants';

const PRODUCT: usize = memory.data(72, 16); // up to 18 words
const WIDE: usize = memory.data(64, 16); // a 512-bit value
const Q2: usize = memory.data(72, 16);
const R2: usize = memory.data(72, 16);

/** Whether the 32 bytes at `s`, little-endian, are below L (ZIP 215 requires S < L). */
export function scIsCanonical(s: usize): bool {
  for (let i: i32 = 7; i >= 0; i--) {
    const a = load<u32>(s + (<usize>i << 2));
    const b = load<u32>(ORDER + (<usize>i << 2));
    if (a != b) return a < b;
  }
  return false;
}

/** out[0 .. na + nb) = a[0 .. na) * b[0 .. nb), in words; out must not overlap the inputs. */
function mulWords(out: usize, a: usize, na: i32, b: usize, nb: i32): void {
  memory.fill(out, 0, <usize>(na + nb) << 2);
  for (let i = 0; i < na; i++) {
    const ai = <u64>load<u32>(a + (<usize>i << 2));
    if (ai == 0) continue;
    let carry: u64 = 0;
    for (let j = 0; j < nb; j++) {
      const at = out + (<usize>(i + j) << 2);
      const t = ai * <u64>load<u32>(b + (<usize>j << 2)) + <u64>load<u32>(at) + carry;
      store<u32>(at, <u32>t);
      carry = t >> 32;
    }
    store<u32>(out + (<usize>(i + nb) << 2), <u32>carry);
  }
}

/** Whether the nine words at r are at least L. */
function atLeastOrder(r: usize): bool {
  if (load<u32>(r, 32) != 0) return true;
  for (let i: i32 = 7; i >= 0; i--) {
    const a = load<u32>(r + (<usize>i << 2));
    const b = load<u32>(ORDER + (<usize>i << 2));
    if (a != b) return a > b;
  }
  return true;
}

/** r (nine words) -= b (`nb` words), modulo 2^288. */
function subWords(r: usize, b: usize, nb: i32): void {
  let borrow: i64 = 0;
  for (let i = 0; i < 9; i++) {
    const bi: i64 = i < nb ? <i64>load<u32>(b + (<usize>i << 2)) : 0;
    const t: i64 = <i64>load<u32>(r + (<usize>i << 2)) - bi - borrow;
    store<u32>(r + (<usize>i << 2), <u32>t);
    borrow = t < 0 ? 1 : 0;
  }
}

/** out (32 bytes) = x mod L for the 512-bit x at `x` (Barrett reduction, HAC 14.42). */
export function scReduce512(out: usize, x: usize): void {
  mulWords(Q2, x + 28, 9, BARRETT_MU, 9); // q1 * mu with q1 = floor(x / 2^224)
  // q3 = floor(q2 / 2^288) = Q2 words 9..17; r2 = q3 * L mod 2^288
  mulWords(PRODUCT, Q2 + 36, 9, ORDER, 8);
  memory.copy(R2, x, 36); // r1 = x mod 2^288
  subWords(R2, PRODUCT, 9);
  while (atLeastOrder(R2)) subWords(R2, ORDER, 8);
  memory.copy(out, R2, 32);
}

/** out (32 bytes) = a * b mod L, for a of `na` words and b of `nb` words (na + nb <= 16). */
export function scMulReduce(out: usize, a: usize, na: i32, b: usize, nb: i32): void {
  mulWords(PRODUCT, a, na, b, nb);
  memory.fill(WIDE, 0, 64);
  memory.copy(WIDE, PRODUCT, <usize>(na + nb) << 2);
  scReduce512(out, WIDE);
}

/** out = (L - s) mod L for a reduced s; out may be s. */
export function scNegate(out: usize, s: usize): void {
  let zero = true;
  for (let i: usize = 0; i < 32; i += 4) if (load<u32>(s + i) != 0) zero = false;
  if (zero) {
    memory.fill(out, 0, 32);
    return;
  }
  let borrow: i64 = 0;
  for (let i: usize = 0; i < 32; i += 4) {
    const t: i64 = <i64>load<u32>(ORDER + i) - <i64>load<u32>(s + i) - borrow;
    store<u32>(out + i, <u32>t);
    borrow = t < 0 ? 1 : 0;
  }
}

/**
 * Width-w non-adjacent form of the scalar at `s` (32 bytes, readable to s + 40): 256 signed
 * digits at `out`, each zero or odd with |digit| < 2^(w - 1), nonzero digits at least w apart.
 */
export function wnaf(out: usize, s: usize, w: i32): void {
  memory.fill(out, 0, 256);
  const width: u64 = 1 << w;
  const mask: u64 = width - 1;
  let carry: u64 = 0;
  let pos: i32 = 0;
  while (pos < 256) {
    const bits = (load<u64>(s + (<usize>pos >> 3)) >> (<u64>pos & 7)) & mask;
    const window = carry + bits;
    if ((window & 1) == 0) {
      pos++;
      continue;
    }
    if (window < width >> 1) {
      carry = 0;
      store<i8>(out + <usize>pos, <i8>window);
    } else {
      carry = 1;
      store<i8>(out + <usize>pos, <i8>(<i64>window - <i64>width));
    }
    pos += w;
  }
}
