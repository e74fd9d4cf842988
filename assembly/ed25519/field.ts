// Arithmetic in GF(p), p = 2^255 - 19, on field elements of ten signed i32 limbs in radix 2^25.5
// (40 bytes at a pointer; limb i holds bits 26 ceil(i/2) + 25 floor(i/2) onwards). Multiplication
// and squaring are generated (./generated/field-mul.ts); this file has the rest.
//
// Bounds: products leave limbs "carried" (|limb| <= 1.01 * 2^25 even, 2^24 odd). A product's
// operands may be sums and differences of up to three carried elements (four in the scalar code,
// three in the SIMD pairs; both checked by the generator); additions here never carry, so the
// point formulas keep to that budget.
export { feMul, feSq } from './generated/field-mul';

const BYTES: usize = memory.data(32, 16);
const T2: usize = memory.data(40, 16);

// @ts-ignore: decorator
@inline export function feCopy(h: usize, f: usize): void {
  memory.copy(h, f, 40);
}

// @ts-ignore: decorator
@inline export function feOne(h: usize): void {
  memory.fill(h, 0, 40);
  store<i32>(h, 1);
}

// Additions are inlined and spelled out: as calls with a loop they cost half a multiplication.

// @ts-ignore: decorator
@inline export function feAdd(h: usize, f: usize, g: usize): void {
  store<i32>(h, load<i32>(f, 0) + load<i32>(g, 0), 0);
  store<i32>(h, load<i32>(f, 4) + load<i32>(g, 4), 4);
  store<i32>(h, load<i32>(f, 8) + load<i32>(g, 8), 8);
  store<i32>(h, load<i32>(f, 12) + load<i32>(g, 12), 12);
  store<i32>(h, load<i32>(f, 16) + load<i32>(g, 16), 16);
  store<i32>(h, load<i32>(f, 20) + load<i32>(g, 20), 20);
  store<i32>(h, load<i32>(f, 24) + load<i32>(g, 24), 24);
  store<i32>(h, load<i32>(f, 28) + load<i32>(g, 28), 28);
  store<i32>(h, load<i32>(f, 32) + load<i32>(g, 32), 32);
  store<i32>(h, load<i32>(f, 36) + load<i32>(g, 36), 36);
}

// @ts-ignore: decorator
@inline export function feSub(h: usize, f: usize, g: usize): void {
  store<i32>(h, load<i32>(f, 0) - load<i32>(g, 0), 0);
  store<i32>(h, load<i32>(f, 4) - load<i32>(g, 4), 4);
  store<i32>(h, load<i32>(f, 8) - load<i32>(g, 8), 8);
  store<i32>(h, load<i32>(f, 12) - load<i32>(g, 12), 12);
  store<i32>(h, load<i32>(f, 16) - load<i32>(g, 16), 16);
  store<i32>(h, load<i32>(f, 20) - load<i32>(g, 20), 20);
  store<i32>(h, load<i32>(f, 24) - load<i32>(g, 24), 24);
  store<i32>(h, load<i32>(f, 28) - load<i32>(g, 28), 28);
  store<i32>(h, load<i32>(f, 32) - load<i32>(g, 32), 32);
  store<i32>(h, load<i32>(f, 36) - load<i32>(g, 36), 36);
}

// @ts-ignore: decorator
@inline export function feNeg(h: usize, f: usize): void {
  store<i32>(h, -load<i32>(f, 0), 0);
  store<i32>(h, -load<i32>(f, 4), 4);
  store<i32>(h, -load<i32>(f, 8), 8);
  store<i32>(h, -load<i32>(f, 12), 12);
  store<i32>(h, -load<i32>(f, 16), 16);
  store<i32>(h, -load<i32>(f, 20), 20);
  store<i32>(h, -load<i32>(f, 24), 24);
  store<i32>(h, -load<i32>(f, 28), 28);
  store<i32>(h, -load<i32>(f, 32), 32);
  store<i32>(h, -load<i32>(f, 36), 36);
}

/** Brings every limb of `h` back to the carried bound (the product's carry chain, in place). */
export function feCarry(h: usize): void {
  let h0: i64 = load<i32>(h, 0);
  let h1: i64 = load<i32>(h, 4);
  let h2: i64 = load<i32>(h, 8);
  let h3: i64 = load<i32>(h, 12);
  let h4: i64 = load<i32>(h, 16);
  let h5: i64 = load<i32>(h, 20);
  let h6: i64 = load<i32>(h, 24);
  let h7: i64 = load<i32>(h, 28);
  let h8: i64 = load<i32>(h, 32);
  let h9: i64 = load<i32>(h, 36);
  let c: i64;
  c = (h0 + (1 << 25)) >> 26; h1 += c; h0 -= c << 26;
  c = (h4 + (1 << 25)) >> 26; h5 += c; h4 -= c << 26;
  c = (h1 + (1 << 24)) >> 25; h2 += c; h1 -= c << 25;
  c = (h5 + (1 << 24)) >> 25; h6 += c; h5 -= c << 25;
  c = (h2 + (1 << 25)) >> 26; h3 += c; h2 -= c << 26;
  c = (h6 + (1 << 25)) >> 26; h7 += c; h6 -= c << 26;
  c = (h3 + (1 << 24)) >> 25; h4 += c; h3 -= c << 25;
  c = (h7 + (1 << 24)) >> 25; h8 += c; h7 -= c << 25;
  c = (h4 + (1 << 25)) >> 26; h5 += c; h4 -= c << 26;
  c = (h8 + (1 << 25)) >> 26; h9 += c; h8 -= c << 26;
  c = (h9 + (1 << 24)) >> 25; h0 += c * 19; h9 -= c << 25;
  c = (h0 + (1 << 25)) >> 26; h1 += c; h0 -= c << 26;
  store<i32>(h, <i32>h0, 0);
  store<i32>(h, <i32>h1, 4);
  store<i32>(h, <i32>h2, 8);
  store<i32>(h, <i32>h3, 12);
  store<i32>(h, <i32>h4, 16);
  store<i32>(h, <i32>h5, 20);
  store<i32>(h, <i32>h6, 24);
  store<i32>(h, <i32>h7, 28);
  store<i32>(h, <i32>h8, 32);
  store<i32>(h, <i32>h9, 36);
}

// @ts-ignore: decorator
@inline function limbBits(s: usize, offset: u32, width: u32): i32 {
  return <i32>((load<u32>(s + (offset >> 3)) >> (offset & 7)) & ((1 << width) - 1));
}

/**
 * The low 255 bits of the 32 bytes at `s`, little-endian, as a field element (bit 255, the sign
 * of x in a point encoding, is ignored). Values from p to 2^255 - 1 are accepted and stand for
 * value - p: that is how ZIP 215 reads a non-canonical y. Limbs are below 2^26 (not carried).
 */
export function feFromBytes(h: usize, s: usize): void {
  store<i32>(h, limbBits(s, 0, 26), 0);
  store<i32>(h, limbBits(s, 26, 25), 4);
  store<i32>(h, limbBits(s, 51, 26), 8);
  store<i32>(h, limbBits(s, 77, 25), 12);
  store<i32>(h, limbBits(s, 102, 26), 16);
  store<i32>(h, limbBits(s, 128, 25), 20);
  store<i32>(h, limbBits(s, 153, 26), 24);
  store<i32>(h, limbBits(s, 179, 25), 28);
  store<i32>(h, limbBits(s, 204, 26), 32);
  store<i32>(h, limbBits(s, 230, 25), 36);
}

/** The canonical encoding (value mod p, 32 bytes little-endian) of `f` at `s`. */
export function feToBytes(s: usize, f: usize): void {
  feCopy(T2, f);
  feCarry(T2);
  let h0: i64 = load<i32>(T2, 0);
  let h1: i64 = load<i32>(T2, 4);
  let h2: i64 = load<i32>(T2, 8);
  let h3: i64 = load<i32>(T2, 12);
  let h4: i64 = load<i32>(T2, 16);
  let h5: i64 = load<i32>(T2, 20);
  let h6: i64 = load<i32>(T2, 24);
  let h7: i64 = load<i32>(T2, 28);
  let h8: i64 = load<i32>(T2, 32);
  let h9: i64 = load<i32>(T2, 36);
  // q = floor(h / p) for a carried h: 0 or 1 (or -1 for a slightly negative h).
  let q: i64 = (19 * h9 + (1 << 24)) >> 25;
  q = (h0 + q) >> 26;
  q = (h1 + q) >> 25;
  q = (h2 + q) >> 26;
  q = (h3 + q) >> 25;
  q = (h4 + q) >> 26;
  q = (h5 + q) >> 25;
  q = (h6 + q) >> 26;
  q = (h7 + q) >> 25;
  q = (h8 + q) >> 26;
  q = (h9 + q) >> 25;
  // h - q p = h + 19 q - 2^255 q: add 19 q, carry without rounding, drop the carry out of bit 255.
  h0 += 19 * q;
  let c: i64;
  c = h0 >> 26; h1 += c; h0 -= c << 26;
  c = h1 >> 25; h2 += c; h1 -= c << 25;
  c = h2 >> 26; h3 += c; h2 -= c << 26;
  c = h3 >> 25; h4 += c; h3 -= c << 25;
  c = h4 >> 26; h5 += c; h4 -= c << 26;
  c = h5 >> 25; h6 += c; h5 -= c << 25;
  c = h6 >> 26; h7 += c; h6 -= c << 26;
  c = h7 >> 25; h8 += c; h7 -= c << 25;
  c = h8 >> 26; h9 += c; h8 -= c << 26;
  c = h9 >> 25; h9 -= c << 25;
  // Pack 255 bits: limbs are now in [0, 2^width).
  packAcc = <u64>h0;
  packBits = 26;
  packOut = s;
  put(h1, 25);
  put(h2, 26);
  put(h3, 25);
  put(h4, 26);
  put(h5, 25);
  put(h6, 26);
  put(h7, 25);
  put(h8, 26);
  put(h9, 25);
  store<u8>(packOut, <u8>packAcc);
}

let packAcc: u64 = 0;
let packBits: u32 = 0;
let packOut: usize = 0;

// @ts-ignore: decorator
@inline function put(limb: i64, width: u32): void {
  packAcc |= <u64>limb << packBits;
  packBits += width;
  while (packBits >= 8) {
    store<u8>(packOut++, <u8>packAcc);
    packAcc >>= 8;
    packBits -= 8;
  }
}

/** Whether f = 0 (mod p). */
export function feIsZero(f: usize): bool {
  feToBytes(BYTES, f);
  return (load<u64>(BYTES, 0) | load<u64>(BYTES, 8) | load<u64>(BYTES, 16) | load<u64>(BYTES, 24)) == 0;
}

/** Whether the canonical value of f is odd (RFC 8032's "negative" x). */
export function feIsNegative(f: usize): bool {
  feToBytes(BYTES, f);
  return (load<u8>(BYTES) & 1) != 0;
}
