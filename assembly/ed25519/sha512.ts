// SHA-512 (FIPS 180-4): one-shot over any region of memory (the kernels hash R || A || M in place)
// and streaming over DATA for the bindings (signing hashes messages of any length).
import { CONTEXT, CTX_BLOCK, CTX_PENDING, CTX_STATE, CTX_TOTAL, DATA, OUTPUT } from './buffers';
import { compressBlocks, SHA512_IV } from './generated/sha512-compress';

const ONE_SHOT_STATE: usize = memory.data(64, 16);
const TAIL: usize = memory.data(128, 16);

// @ts-ignore: decorator
@inline function writeDigest(state: usize, out: usize): void {
  for (let i: usize = 0; i < 64; i += 8) {
    store<u64>(out + i, bswap<u64>(load<u64>(state + i)));
  }
}

/** Pads the `pending` bytes at `block` for a message of `totalBytes` and compresses the rest. */
function finish(state: usize, block: usize, pending: usize, totalBytes: u64): void {
  store<u8>(block + pending, 0x80);
  pending++;
  if (pending > 112) {
    memory.fill(block + pending, 0, 128 - pending);
    compressBlocks(state, block, 1);
    pending = 0;
  }
  memory.fill(block + pending, 0, 120 - pending);
  // The length in bits is a 128-bit big-endian number; its high 64 bits are (totalBytes >> 61).
  store<u64>(block + 112, bswap<u64>(totalBytes >>> 61));
  store<u64>(block + 120, bswap<u64>(totalBytes << 3));
  compressBlocks(state, block, 1);
}

/** The SHA-512 digest of memory[data .. data + length) written to `out` (64 bytes). */
export function sha512(out: usize, data: usize, length: usize): void {
  memory.copy(ONE_SHOT_STATE, SHA512_IV, 64);
  const blocks = length >> 7;
  compressBlocks(ONE_SHOT_STATE, data, blocks);
  const pending = length & 127;
  memory.copy(TAIL, data + (blocks << 7), pending);
  finish(ONE_SHOT_STATE, TAIL, pending, <u64>length);
  writeDigest(ONE_SHOT_STATE, out);
}

/** One-shot: the digest of DATA[0..length) is written to OUTPUT. */
export function sha512Digest(length: i32): void {
  sha512(OUTPUT, DATA, <usize>length);
}

/** Starts a streaming hash in CONTEXT. */
export function sha512Init(): void {
  memory.copy(CONTEXT + CTX_STATE, SHA512_IV, 64);
  store<u64>(CONTEXT + CTX_TOTAL, 0);
  store<u32>(CONTEXT + CTX_PENDING, 0);
}

/** Absorbs DATA[0..length) into the streaming hash in CONTEXT. */
export function sha512Update(length: i32): void {
  const state = CONTEXT + CTX_STATE;
  const block = CONTEXT + CTX_BLOCK;
  let data = DATA;
  let remaining = <usize>length;
  let pending = <usize>load<u32>(CONTEXT + CTX_PENDING);
  store<u64>(CONTEXT + CTX_TOTAL, load<u64>(CONTEXT + CTX_TOTAL) + <u64>remaining);
  if (pending > 0) {
    const take = min<usize>(128 - pending, remaining);
    memory.copy(block + pending, data, take);
    pending += take;
    data += take;
    remaining -= take;
    if (pending < 128) {
      store<u32>(CONTEXT + CTX_PENDING, <u32>pending);
      return;
    }
    compressBlocks(state, block, 1);
  }
  const blocks = remaining >> 7;
  compressBlocks(state, data, blocks);
  pending = remaining & 127;
  memory.copy(block, data + (blocks << 7), pending);
  store<u32>(CONTEXT + CTX_PENDING, <u32>pending);
}

/** Finishes the streaming hash in CONTEXT and writes its digest to OUTPUT. */
export function sha512Final(): void {
  const state = CONTEXT + CTX_STATE;
  const pending = <usize>load<u32>(CONTEXT + CTX_PENDING);
  finish(state, CONTEXT + CTX_BLOCK, pending, load<u64>(CONTEXT + CTX_TOTAL));
  writeDigest(state, OUTPUT);
}
