// SHA-256 (FIPS 180-4) over the static buffers of ./buffers.
//
// The block function is generated (scripts/wasm-codegen/sha256.ts): 64 rounds spelled out with
// the round constants as immediates. For 64-byte messages (Merkle parents) the second block is
// always the same padding block, whose schedule is folded into constants at generation time.
import {
  CONTEXT,
  CTX_BLOCK,
  CTX_PENDING,
  CTX_STATE,
  CTX_TOTAL,
  INPUT,
  OUTPUT,
} from './buffers';
import { compressBlocks, compressPadding64 } from './generated/sha256-compress';
import { sha256Batch4 } from './sha256-simd';

// FIPS 180-4 section 5.3.3: the initial hash value.
export const IV: usize = memory.data<u32>([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

const ONE_SHOT_STATE: usize = memory.data(32, 16);
const TAIL: usize = memory.data(64, 16);

// @ts-ignore: decorator
@inline function writeDigest(state: usize, out: usize): void {
  for (let i: usize = 0; i < 32; i += 4) {
    store<u32>(out + i, bswap<u32>(load<u32>(state + i)));
  }
}

/** Pads the `pending` bytes at `block` for a message of `totalBytes` and compresses the rest. */
function finish(state: usize, block: usize, pending: usize, totalBytes: u64): void {
  store<u8>(block + pending, 0x80);
  pending++;
  if (pending > 56) {
    memory.fill(block + pending, 0, 64 - pending);
    compressBlocks(state, block, 1);
    pending = 0;
  }
  memory.fill(block + pending, 0, 56 - pending);
  store<u64>(block + 56, bswap<u64>(totalBytes << 3));
  compressBlocks(state, block, 1);
}

/** Hashes one 64-byte message at `data` into the digest at `out`. */
function hash64(data: usize, out: usize): void {
  memory.copy(ONE_SHOT_STATE, IV, 32);
  compressBlocks(ONE_SHOT_STATE, data, 1);
  compressPadding64(ONE_SHOT_STATE);
  writeDigest(ONE_SHOT_STATE, out);
}

/** One-shot: the digest of INPUT[0..length) is written to OUTPUT. */
export function sha256Digest(length: i32): void {
  const total = <usize>length;
  if (total == 64) {
    hash64(INPUT, OUTPUT);
    return;
  }
  memory.copy(ONE_SHOT_STATE, IV, 32);
  const blocks = total >> 6;
  compressBlocks(ONE_SHOT_STATE, INPUT, blocks);
  const pending = total & 63;
  memory.copy(TAIL, INPUT + (blocks << 6), pending);
  finish(ONE_SHOT_STATE, TAIL, pending, <u64>total);
  writeDigest(ONE_SHOT_STATE, OUTPUT);
}

/** Starts a streaming hash in CONTEXT. */
export function sha256Init(): void {
  memory.copy(CONTEXT + CTX_STATE, IV, 32);
  store<u64>(CONTEXT + CTX_TOTAL, 0);
  store<u32>(CONTEXT + CTX_PENDING, 0);
}

/** Absorbs INPUT[0..length) into the streaming hash in CONTEXT. */
export function sha256Update(length: i32): void {
  const state = CONTEXT + CTX_STATE;
  const block = CONTEXT + CTX_BLOCK;
  let data = INPUT;
  let remaining = <usize>length;
  let pending = <usize>load<u32>(CONTEXT + CTX_PENDING);
  store<u64>(CONTEXT + CTX_TOTAL, load<u64>(CONTEXT + CTX_TOTAL) + <u64>remaining);
  if (pending > 0) {
    const take = min<usize>(64 - pending, remaining);
    memory.copy(block + pending, data, take);
    pending += take;
    data += take;
    remaining -= take;
    if (pending < 64) {
      store<u32>(CONTEXT + CTX_PENDING, <u32>pending);
      return;
    }
    compressBlocks(state, block, 1);
  }
  const blocks = remaining >> 6;
  compressBlocks(state, data, blocks);
  pending = remaining & 63;
  memory.copy(block, data + (blocks << 6), pending);
  store<u32>(CONTEXT + CTX_PENDING, <u32>pending);
}

/** Finishes the streaming hash in CONTEXT and writes its digest to OUTPUT. */
export function sha256Final(): void {
  const state = CONTEXT + CTX_STATE;
  const pending = <usize>load<u32>(CONTEXT + CTX_PENDING);
  finish(state, CONTEXT + CTX_BLOCK, pending, load<u64>(CONTEXT + CTX_TOTAL));
  writeDigest(state, OUTPUT);
}

/** Hashes `count` 64-byte messages at INPUT + 64 i into 32-byte digests at OUTPUT + 32 i. */
export function sha256Batch64(count: i32): void {
  let i: i32 = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= count; i += 4) {
      sha256Batch4(INPUT + (<usize>i << 6), OUTPUT + (<usize>i << 5));
    }
  }
  for (; i < count; i++) {
    hash64(INPUT + (<usize>i << 6), OUTPUT + (<usize>i << 5));
  }
}
