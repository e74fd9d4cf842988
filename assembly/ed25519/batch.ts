// Batch verification: batchPrepare decodes and hashes every item once; batchCheck then tests the
// random linear combination of any range of items,
//   [8]( sum z_i R_i + sum (z_i k_i) A_i - (sum z_i S_i) B ) = 0,
// with the 128-bit z_i JavaScript wrote into RANDOM for that call, by one multi-scalar
// multiplication: Straus's interleaved windows (./straus.ts) for up to 32 signatures, Pippenger's
// buckets (./msm.ts) above, whichever the cost estimates say is cheaper. The bindings bisect a
// failing range with fresh z_i and settle single items with batchVerifyOne, which runs the
// single-signature equation on the prepared data.
// ZIP 215 rules throughout: the batch accepts exactly what verify accepts (ADR 0004).
import { DATA, ITEMS, MAX_BATCH, OUTPUT, RANDOM, S_VALUES, STATUS } from './buffers';
import { decodePair } from './decode';
import { feAdd, feMul, feSub } from './field';
import { BASE_AFFINE, BASE_TABLE, D2 } from './generated/constants';
import { BITS, chooseWindow, msm, msmCost, POINTS, SCALARS } from './msm';
import { p1p1ToP2, p2Double } from './point';
import { scIsCanonical, scMulReduce, scNegate, scReduce512 } from './scalar';
import { sha512 } from './sha512';
import { STRAUS_MAX_POINTS, straus, strausCost } from './straus';
import { isIdentity, verifyEquation } from './verify-core';

/** Per item: the blocks of A then R (240 bytes each: NIELS, then affine x, y, xy). */
const BLOCKS: usize = memory.data(480 * MAX_BATCH, 16);
/** Per item: k = SHA-512(R || A || M) mod L. */
const K_VALUES: usize = memory.data(32 * MAX_BATCH, 16);
const BASE_BLOCK: usize = memory.data(240, 16);
memory.copy(BASE_BLOCK, BASE_TABLE, 120);
memory.copy(BASE_BLOCK + 120, BASE_AFFINE, 120);

const S_SUM: usize = memory.data(64, 16); // sum of z_i S_i, 512 bits
const PRODUCT: usize = memory.data(64, 16);
const REDUCED: usize = memory.data(32, 16);
const RESULT: usize = memory.data(160, 16);
const DOUBLED: usize = memory.data(160, 16);

// @ts-ignore: decorator
@inline function blockA(i: i32): usize {
  return BLOCKS + 480 * <usize>i;
}

// @ts-ignore: decorator
@inline function blockR(i: i32): usize {
  return BLOCKS + 480 * <usize>i + 240;
}

/** Completes a block whose affine x and y are decoded: y + x, y - x, xy and 2dxy. */
function completeBlock(block: usize): void {
  const x = block + 120;
  const y = block + 160;
  feMul(block + 200, x, y);
  feAdd(block, y, x);
  feSub(block + 40, y, x);
  feMul(block + 80, block + 200, D2);
}

/**
 * Decodes, checks and hashes items 0 .. count: their records are at DATA + offset (ITEMS), their
 * S in S_VALUES. STATUS[i] becomes 1 for an item that may be valid (S < L, A and R decode).
 */
export function batchPrepare(count: i32): void {
  for (let i = 0; i < count; i++) {
    const record = DATA + <usize>load<u32>(ITEMS + (<usize>i << 3));
    const length = <usize>load<u32>(ITEMS + (<usize>i << 3), 4);
    const a = blockA(i);
    const r = blockR(i);
    const ok =
      scIsCanonical(S_VALUES + (<usize>i << 5)) &&
      decodePair(a + 120, a + 160, record + 32, r + 120, r + 160, record) == 3;
    store<u8>(STATUS + <usize>i, ok ? 1 : 0);
    if (!ok) continue;
    completeBlock(a);
    completeBlock(r);
    sha512(OUTPUT, record, 64 + length);
    scReduce512(K_VALUES + (<usize>i << 5), OUTPUT);
  }
}

/** a (16 words) += b (12 words). */
function addWide(a: usize, b: usize): void {
  let carry: u64 = 0;
  for (let i: usize = 0; i < 16; i++) {
    const t = <u64>load<u32>(a + (i << 2)) + (i < 12 ? <u64>load<u32>(b + (i << 2)) : 0) + carry;
    store<u32>(a + (i << 2), <u32>t);
    carry = t >> 32;
  }
}

/** words[0 .. 12) = a (4 words) * b (8 words). */
function mul4x8(out: usize, a: usize, b: usize): void {
  memory.fill(out, 0, 48);
  for (let i: usize = 0; i < 4; i++) {
    const ai = <u64>load<u32>(a + (i << 2));
    let carry: u64 = 0;
    for (let j: usize = 0; j < 8; j++) {
      const at = out + ((i + j) << 2);
      const t = ai * <u64>load<u32>(b + (j << 2)) + <u64>load<u32>(at) + carry;
      store<u32>(at, <u32>t);
      carry = t >> 32;
    }
    store<u32>(out + ((i + 8) << 2), <u32>carry);
  }
}

/**
 * Whether the prepared items start .. start + count that may be valid (STATUS 1) pass the batch
 * equation with the coefficients z_i at RANDOM + 16 i. Returns 1 when they do (or there are none).
 */
export function batchCheck(start: i32, count: i32): i32 {
  let n: i32 = 0;
  let totalBits: i32 = 253;
  memory.fill(S_SUM, 0, 64);
  for (let i = start; i < start + count; i++) {
    if (load<u8>(STATUS + <usize>i) == 0) continue;
    const z = RANDOM + (<usize>i << 4);
    const slotA = SCALARS + 40 * <usize>n;
    scMulReduce(slotA, z, 4, K_VALUES + (<usize>i << 5), 8);
    memory.fill(slotA + 32, 0, 8);
    store<u32>(POINTS + (<usize>n << 2), <u32>blockA(i));
    store<u16>(BITS + (<usize>n << 1), 253);
    const slotR = slotA + 40;
    memory.copy(slotR, z, 16);
    memory.fill(slotR + 16, 0, 24);
    store<u32>(POINTS + (<usize>(n + 1) << 2), <u32>blockR(i));
    store<u16>(BITS + (<usize>(n + 1) << 1), 128);
    n += 2;
    totalBits += 253 + 128;
    mul4x8(PRODUCT, z, S_VALUES + (<usize>i << 5));
    addWide(S_SUM, PRODUCT);
  }
  if (n == 0) return 1;
  const slotB = SCALARS + 40 * <usize>n;
  scReduce512(REDUCED, S_SUM);
  scNegate(slotB, REDUCED);
  memory.fill(slotB + 32, 0, 8);
  store<u32>(POINTS + (<usize>n << 2), <u32>BASE_BLOCK);
  store<u16>(BITS + (<usize>n << 1), 253);
  n++;
  const window = chooseWindow(n, totalBits);
  if (n <= STRAUS_MAX_POINTS && strausCost(n, totalBits) < msmCost(n, totalBits, window)) {
    straus(RESULT, n);
  } else {
    msm(RESULT, n, window);
  }
  for (let i = 0; i < 3; i++) {
    p2Double(DOUBLED, RESULT);
    p1p1ToP2(RESULT, DOUBLED);
  }
  return isIdentity(RESULT) ? 1 : 0;
}

/** The single-signature equation for prepared item i (0 when STATUS[i] is 0). */
export function batchVerifyOne(i: i32): i32 {
  if (load<u8>(STATUS + <usize>i) == 0) return 0;
  const a = blockA(i);
  const r = blockR(i);
  const ok = verifyEquation(K_VALUES + (<usize>i << 5), S_VALUES + (<usize>i << 5), a + 120, a + 160, r + 120, r + 160);
  return ok ? 1 : 0;
}
