// Multi-scalar multiplication by Straus's method (interleaved width-5 NAF): for a few points it
// beats the bucket method (./msm.ts), whose per-window bucket sums cost the same for 3 points as
// for 300. Every point gets a table of its odd multiples; all points share one run of doublings.
// Inputs as for msm(): POINTS, BITS and SCALARS (40-byte slots).
import { oddMultiples } from './odd-multiples';
import { addCached, p1p1ToP2, p1p1ToP3, p2Double, p3Identity } from './point';
import { BITS, POINTS, SCALARS } from './msm';
import { wnaf } from './scalar';

/** Points one call takes. */
export const STRAUS_MAX_POINTS: i32 = 2 * 32 + 1;
const WINDOW: i32 = 5;
const TABLE_SIZE: i32 = 1 << (WINDOW - 2);

const TABLES: usize = memory.data(160 * TABLE_SIZE * STRAUS_MAX_POINTS, 16);
const DIGITS: usize = memory.data(256 * STRAUS_MAX_POINTS, 16);
const SUM: usize = memory.data(160, 16);
const NEXT: usize = memory.data(160, 16);

/** Estimated field multiplications of straus() for these points (compare chooseWindow's). */
export function strausCost(count: i32, totalBits: i32): f64 {
  // a table of 8 odd multiples: about 9 additions; a digit every 6 bits: an addition of 8
  // multiplications; 256 doublings of 7 shared by all points.
  return <f64>count * 81.0 + (8.0 * <f64>totalBits) / 6.0 + 7.0 * 256.0;
}

/** out (P3) = the sum of scalar_i * P_i; count <= STRAUS_MAX_POINTS. */
export function straus(out: usize, count: i32): void {
  let top: i32 = -1;
  for (let i = 0; i < count; i++) {
    const block = <usize>load<u32>(POINTS + (<usize>i << 2));
    oddMultiples(TABLES + 160 * <usize>(TABLE_SIZE * i), TABLE_SIZE, block + 120, block + 160, false);
    const digits = DIGITS + (<usize>i << 8);
    wnaf(digits, SCALARS + 40 * <usize>i, WINDOW);
    const bits = <i32>load<u16>(BITS + (<usize>i << 1));
    for (let j = min(255, bits + 1); j > top; j--) {
      if (load<i8>(digits + <usize>j) != 0) {
        top = j;
        break;
      }
    }
  }
  p3Identity(out);
  for (let j = top; j >= 0; j--) {
    p2Double(SUM, out);
    for (let i = 0; i < count; i++) {
      const digit = <i32>load<i8>(DIGITS + (<usize>i << 8) + <usize>j);
      if (digit == 0) continue;
      p1p1ToP3(NEXT, SUM);
      const table = TABLES + 160 * <usize>(TABLE_SIZE * i);
      addCached(SUM, NEXT, table + 160 * <usize>(abs(digit) >> 1), digit < 0);
    }
    if (j > 0) p1p1ToP2(out, SUM);
    else p1p1ToP3(out, SUM);
  }
}
