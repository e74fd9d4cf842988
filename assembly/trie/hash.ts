// Hashing for the trie: one-shot SHA-256 and SM3 of any region of memory, and four messages at a
// time in SIMD lanes (the SIMD build) for proof verification and root computation.
//
// The compression functions are the hash module's (assembly/hash), imported at source level:
// `compressBlocks` (SHA-256) and `compress` / `compressData4` (SM3). Only the 4-lane SHA-256
// compression of arbitrary blocks is this file's own (sha256x4.ts): the hash module has four
// lanes only for 64-byte messages.
import { compressBlocks } from '../hash/generated/sha256-compress';
import { compress as sm3Compress } from '../hash/generated/sm3-compress';
import { compressData4 as sm3Compress4 } from '../hash/generated/sm3-simd-rounds';
import { IV as SHA256_IV } from '../hash/sha256';
import { IV as SM3_IV } from '../hash/sm3';
import { sha256Compress4 } from '../hash/sha256-simd-compress';

export const SHA256: u32 = 0;
export const SM3: u32 = 1;

const STATE: usize = memory.data(32, 16);
const TAIL: usize = memory.data(128, 16);

// @ts-ignore: decorator
@inline function compress(alg: u32, state: usize, data: usize, blocks: usize): void {
  if (alg == SHA256) compressBlocks(state, data, blocks);
  else sm3Compress(state, data, <i32>blocks);
}

/**
 * Writes the final one or two blocks of a `len`-byte message whose last `rest` bytes are at
 * `src` into `tail`: the bytes, 0x80, zeros, the bit length (big-endian; both hashes pad alike).
 * Returns the number of tail blocks.
 */
function padTail(tail: usize, src: usize, rest: usize, len: usize): usize {
  memory.copy(tail, src, rest);
  store<u8>(tail + rest, 0x80);
  const blocks: usize = rest < 56 ? 1 : 2;
  const end = (blocks << 6) - 8;
  for (let i = rest + 1; i < end; i++) store<u8>(tail + i, 0);
  store<u64>(tail + end, bswap<u64>((<u64>len) << 3));
  return blocks;
}

/** The 32-byte digest of `len` bytes at `data`, written to `out` (which may overlap `data`). */
export function digest(alg: u32, data: usize, len: usize, out: usize): void {
  memory.copy(STATE, alg == SHA256 ? SHA256_IV : SM3_IV, 32);
  const full = len >> 6;
  if (full > 0) compress(alg, STATE, data, full);
  const blocks = padTail(TAIL, data + (full << 6), len & 63, len);
  compress(alg, STATE, TAIL, blocks);
  for (let i: usize = 0; i < 32; i += 4) store<u32>(out + i, bswap<u32>(load<u32>(STATE + i)));
}

// Four lanes.
const STATE4: usize = memory.data(128, 16);
/** The message schedule: 64 words (SHA-256 expands in place; SM3 reads the first 16). */
const W4: usize = memory.data(1024, 16);
const TAILS4: usize = memory.data(4 * 128, 16);
const LANE_DATA: usize = memory.data(16, 16);
const LANE_FULL: usize = memory.data(16, 16);
const LANE_TOTAL: usize = memory.data(16, 16);
const LANE_OUT: usize = memory.data(16, 16);

// @ts-ignore: decorator
@inline function byteSwap(x: v128): v128 {
  return i8x16.shuffle(x, x, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
}

/** Words q..q+3 (byte offset `offset`) of the four blocks, transposed into W4 (lane k = block k). */
// @ts-ignore: decorator
@inline function loadColumns(s0: usize, s1: usize, s2: usize, s3: usize, offset: usize): void {
  const v0 = byteSwap(v128.load(s0 + offset));
  const v1 = byteSwap(v128.load(s1 + offset));
  const v2 = byteSwap(v128.load(s2 + offset));
  const v3 = byteSwap(v128.load(s3 + offset));
  const t0 = v128.shuffle<i32>(v0, v1, 0, 4, 1, 5);
  const t1 = v128.shuffle<i32>(v2, v3, 0, 4, 1, 5);
  const t2 = v128.shuffle<i32>(v0, v1, 2, 6, 3, 7);
  const t3 = v128.shuffle<i32>(v2, v3, 2, 6, 3, 7);
  const out = W4 + (offset << 2);
  v128.store(out, v128.shuffle<i32>(t0, t1, 0, 1, 4, 5), 0);
  v128.store(out, v128.shuffle<i32>(t0, t1, 2, 3, 6, 7), 16);
  v128.store(out, v128.shuffle<i32>(t2, t3, 0, 1, 4, 5), 32);
  v128.store(out, v128.shuffle<i32>(t2, t3, 2, 3, 6, 7), 48);
}

/** The source of block `b` of lane `k`: the message itself, its padded tail, or a dummy. */
// @ts-ignore: decorator
@inline function blockOf(k: usize, b: usize): usize {
  const full = <usize>load<u32>(LANE_FULL + (k << 2));
  if (b < full) return <usize>load<u32>(LANE_DATA + (k << 2)) + (b << 6);
  const total = <usize>load<u32>(LANE_TOTAL + (k << 2));
  const t = b < total ? b - full : total - 1 - full;
  return TAILS4 + (k << 7) + (t << 6);
}

/**
 * Digests of `lanes` (2..4) messages at once: message k is `lens[k]` bytes at `datas[k]`, its
 * digest goes to `outs[k]` (the three arrays are u32 x 4). The cost is that of the longest.
 */
function digest4(alg: u32, lanes: usize, datas: usize, lens: usize, outs: usize): void {
  let most: usize = 0;
  for (let k: usize = 0; k < 4; k++) {
    const real = k < lanes ? k : 0;
    const data = <usize>load<u32>(datas + (real << 2));
    const len = <usize>load<u32>(lens + (real << 2));
    const full = len >> 6;
    const total = full + padTail(TAILS4 + (k << 7), data + (full << 6), len & 63, len);
    store<u32>(LANE_DATA + (k << 2), <u32>data);
    store<u32>(LANE_FULL + (k << 2), <u32>full);
    store<u32>(LANE_TOTAL + (k << 2), <u32>total);
    store<u32>(LANE_OUT + (k << 2), load<u32>(outs + (real << 2)));
    if (k < lanes && total > most) most = total;
  }
  const iv = alg == SHA256 ? SHA256_IV : SM3_IV;
  for (let j: usize = 0; j < 8; j++) {
    v128.store(STATE4 + (j << 4), v128.load32_splat(iv + (j << 2)));
  }
  for (let b: usize = 0; b < most; b++) {
    const s0 = blockOf(0, b);
    const s1 = blockOf(1, b);
    const s2 = blockOf(2, b);
    const s3 = blockOf(3, b);
    loadColumns(s0, s1, s2, s3, 0);
    loadColumns(s0, s1, s2, s3, 16);
    loadColumns(s0, s1, s2, s3, 32);
    loadColumns(s0, s1, s2, s3, 48);
    if (alg == SHA256) sha256Compress4(STATE4, W4);
    else sm3Compress4(STATE4, W4);
    for (let k: usize = 0; k < lanes; k++) {
      if (<usize>load<u32>(LANE_TOTAL + (k << 2)) != b + 1) continue;
      const out = <usize>load<u32>(LANE_OUT + (k << 2));
      for (let j: usize = 0; j < 8; j++) {
        store<u32>(out + (j << 2), bswap<u32>(load<u32>(STATE4 + (j << 4) + (k << 2))));
      }
    }
  }
}

const GROUP_DATA: usize = memory.data(16, 16);
const GROUP_LEN: usize = memory.data(16, 16);
const GROUP_OUT: usize = memory.data(16, 16);

/**
 * Digests of `count` messages described by the table at `table`: per message u32 data, u32 len,
 * u32 out. Four at a time in the SIMD build (neighbours in the table should be of similar size).
 */
export function digestMany(alg: u32, table: usize, count: usize): void {
  let i: usize = 0;
  if (ASC_FEATURE_SIMD) {
    while (count - i >= 2) {
      const lanes = min<usize>(4, count - i);
      for (let k: usize = 0; k < lanes; k++) {
        const entry = table + (i + k) * 12;
        store<u32>(GROUP_DATA + (k << 2), load<u32>(entry, 0));
        store<u32>(GROUP_LEN + (k << 2), load<u32>(entry, 4));
        store<u32>(GROUP_OUT + (k << 2), load<u32>(entry, 8));
      }
      digest4(alg, lanes, GROUP_DATA, GROUP_LEN, GROUP_OUT);
      i += lanes;
    }
  }
  for (; i < count; i++) {
    const entry = table + i * 12;
    digest(alg, <usize>load<u32>(entry, 0), <usize>load<u32>(entry, 4), <usize>load<u32>(entry, 8));
  }
}
