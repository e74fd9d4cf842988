// Multi-scalar multiplication by Pippenger's bucket method with signed digits: the sum of
// scalar_i * P_i over `count` points, for the batch equation. Each window of c bits puts every
// point into the bucket of its digit's magnitude (negated for a negative digit), sums the buckets
// by running sums (sum of j * bucket_j), and the window sums are combined by c doublings each.
//
// A point is a 240-byte block: NIELS (y + x, y - x, 2dxy) then affine x, y, xy; the first point
// into a bucket is copied from the affine half instead of added. Scalars are 40-byte slots (32
// bytes, little-endian, then 8 zero bytes), below 2^bits for the bit length given per point.
import { feNeg, feOne } from './field';
import { addCached, addNiels, p1p1ToP2, p1p1ToP3, p2Double, p3Identity, p3ToCached, T, X, Y, Z } from './point';

/** Points one call takes: two per signature and the base point. */
export const MAX_POINTS: i32 = 2 * 512 + 1;
const MAX_WINDOW: i32 = 10;
const MAX_WINDOWS: i32 = 128;

export const POINTS: usize = memory.data(MAX_POINTS * 4, 16); // u32 block pointer per point
export const BITS: usize = memory.data(MAX_POINTS * 2, 16); // u16 bit length per point
export const SCALARS: usize = memory.data(MAX_POINTS * 40, 16);

const CARRIES: usize = memory.data(MAX_POINTS, 16);
const BUCKETS: usize = memory.data(160 << (MAX_WINDOW - 1), 16);
const FILLED: usize = memory.data(1 << (MAX_WINDOW - 1), 16);
const WINDOW_SUMS: usize = memory.data(160 * MAX_WINDOWS, 16);
const WINDOW_FILLED: usize = memory.data(MAX_WINDOWS, 16);
const RUNNING: usize = memory.data(160, 16);
const CACHED: usize = memory.data(160, 16);
const SUM: usize = memory.data(160, 16);

/** Bits of the largest scalar: scalars are reduced modulo L < 2^253; signed digits need 254. */
const SCALAR_BITS: i32 = 254;

/** Estimated field multiplications of msm() with window c. */
export function msmCost(count: i32, totalBits: i32, c: i32): f64 {
  const windows = (SCALAR_BITS + c - 1) / c;
  // about 7 multiplications per bucket addition, 9 per running-sum addition (2 per bucket)
  return (7.0 * <f64>totalBits) / <f64>c + 9.0 * <f64>windows * <f64>(1 << c) + <f64>count;
}

/** The window c minimizing the estimated field multiplications for these points. */
export function chooseWindow(count: i32, totalBits: i32): i32 {
  let best: i32 = 2;
  for (let c: i32 = 3; c <= MAX_WINDOW; c++) {
    if (msmCost(count, totalBits, c) < msmCost(count, totalBits, best)) best = c;
  }
  return best;
}

/** r (P3) += q (P3); r may hold the identity. */
function addP3(r: usize, q: usize): void {
  p3ToCached(CACHED, q);
  addCached(SUM, r, CACHED, false);
  p1p1ToP3(r, SUM);
}

/** The P3 point of a block's affine half, negated when `negate`. */
function loadAffine(r: usize, block: usize, negate: bool): void {
  const affine = block + 120;
  if (negate) {
    feNeg(r + X, affine);
    feNeg(r + T, affine + 80);
  } else {
    memory.copy(r + X, affine, 40);
    memory.copy(r + T, affine + 80, 40);
  }
  memory.copy(r + Y, affine + 40, 40);
  feOne(r + Z);
}

/** Sums window j's buckets into WINDOW_SUMS[j]; returns whether any point fell in the window. */
function windowSum(j: i32, c: i32, count: i32): bool {
  const half: i32 = 1 << (c - 1);
  const full: i32 = 1 << c;
  const mask: u64 = <u64>(full - 1);
  const position = j * c;
  const byte = <usize>(position >> 3);
  const shift = <u64>(position & 7);
  memory.fill(FILLED, 0, <usize>half);
  let any = false;
  for (let i = 0; i < count; i++) {
    const carry = <i32>load<u8>(CARRIES + <usize>i);
    if (carry == 0 && position >= <i32>load<u16>(BITS + (<usize>i << 1))) continue;
    const raw = <i32>((load<u64>(SCALARS + 40 * <usize>i + byte) >> shift) & mask);
    let digit = raw + carry;
    if (digit >= half) {
      digit -= full;
      store<u8>(CARRIES + <usize>i, 1);
    } else {
      store<u8>(CARRIES + <usize>i, 0);
    }
    if (digit == 0) continue;
    const index = <usize>(abs(digit) - 1);
    const bucket = BUCKETS + 160 * index;
    const block = <usize>load<u32>(POINTS + (<usize>i << 2));
    if (load<u8>(FILLED + index) == 0) {
      loadAffine(bucket, block, digit < 0);
      store<u8>(FILLED + index, 1);
      any = true;
    } else {
      addNiels(SUM, bucket, block, digit < 0);
      p1p1ToP3(bucket, SUM);
    }
  }
  if (!any) return false;
  // sum over buckets of (index + 1) * bucket, from the top: running sums added into the total
  const total = WINDOW_SUMS + 160 * <usize>j;
  let running = false;
  let totalSet = false;
  for (let b = half - 1; b >= 0; b--) {
    const bucket = BUCKETS + 160 * <usize>b;
    if (load<u8>(FILLED + <usize>b) != 0) {
      if (running) addP3(RUNNING, bucket);
      else memory.copy(RUNNING, bucket, 160);
      running = true;
    }
    if (!running) continue;
    if (totalSet) addP3(total, RUNNING);
    else memory.copy(total, RUNNING, 160);
    totalSet = true;
  }
  return true;
}

/** out (P3) = the sum of scalar_i * P_i over the `count` points in POINTS, BITS and SCALARS. */
export function msm(out: usize, count: i32, c: i32): void {
  const windows = (SCALAR_BITS + c - 1) / c;
  memory.fill(CARRIES, 0, <usize>count);
  for (let j = 0; j < windows; j++) {
    store<u8>(WINDOW_FILLED + <usize>j, windowSum(j, c, count) ? 1 : 0);
  }
  let started = false;
  for (let j = windows - 1; j >= 0; j--) {
    if (started) {
      for (let k = 0; k < c; k++) {
        p2Double(SUM, out);
        if (k < c - 1) p1p1ToP2(out, SUM);
        else p1p1ToP3(out, SUM);
      }
    }
    if (load<u8>(WINDOW_FILLED + <usize>j) == 0) continue;
    const sum = WINDOW_SUMS + 160 * <usize>j;
    if (started) addP3(out, sum);
    else memory.copy(out, sum, 160);
    started = true;
  }
  if (!started) p3Identity(out);
}
