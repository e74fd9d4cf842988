// Tables of odd multiples P, 3P, 5P, .. of a decoded point, as CACHED addends (160 bytes each):
// what width-w NAF scalar multiplication adds (a digit d adds table[|d| >> 1], negated if d < 0).
import { feMul, feNeg, feOne } from './field';
import { addCached, p1p1ToP3, p2Double, p3ToCached, T, X, Y, Z } from './point';

const POINT: usize = memory.data(160, 16);
const SUM: usize = memory.data(160, 16);
const TWICE: usize = memory.data(160, 16);
const TWICE_CACHED: usize = memory.data(160, 16);

/** table[j] = (2j + 1) P for j < count, with P = (x, y) affine, or -P when `negate`. */
export function oddMultiples(table: usize, count: i32, x: usize, y: usize, negate: bool): void {
  if (negate) feNeg(POINT + X, x);
  else memory.copy(POINT + X, x, 40);
  memory.copy(POINT + Y, y, 40);
  feOne(POINT + Z);
  feMul(POINT + T, POINT + X, y);
  p3ToCached(table, POINT);
  p2Double(SUM, POINT);
  p1p1ToP3(TWICE, SUM);
  p3ToCached(TWICE_CACHED, TWICE);
  for (let j = 1; j < count; j++) {
    addCached(SUM, POINT, TWICE_CACHED, false);
    p1p1ToP3(POINT, SUM);
    p3ToCached(table + 160 * <usize>j, POINT);
  }
}
