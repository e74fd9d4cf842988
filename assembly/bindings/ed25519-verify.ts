// Ed25519 verification in the Wasm of assembly/ed25519, under one rule (ZIP 215, the default of
// @noble/ed25519's verify; docs/adr/0004-ed25519-verification-rule.md) for single and batch
// verification alike. Isomorphic: randomness comes from globalThis.crypto.getRandomValues.
import {
  BATCH_MAX,
  DATA,
  DATA_BYTES,
  ITEMS,
  kernel,
  memory,
  RANDOM,
  S_VALUES,
  STATUS,
} from './ed25519-kernel.ts';
import { assertBytes } from './hash.ts';

export const SIGNATURE_BYTES = 64;
export const PUBLIC_KEY_BYTES = 32;

/** One signature to verify: `signature` by the key `publicKey` on `message`. */
export type SignedMessage = {
  readonly signature: Uint8Array;
  readonly message: Uint8Array;
  readonly publicKey: Uint8Array;
};

/** Up to this many candidates a failed range is settled one by one instead of halved. */
const SINGLE_MAX = 4;
/** Failed checks allowed per chunk: this plus log2 of its size (one bad item needs about that). */
const FAILED_CHECKS_BASE = 4;

const items = new DataView(memory.buffer, ITEMS, BATCH_MAX * 8);

function assertSigned(signature: unknown, message: unknown, publicKey: unknown, where = ''): void {
  assertBytes(signature, `${where}signature`);
  assertBytes(message, `${where}message`);
  assertBytes(publicKey, `${where}publicKey`);
  if (signature.length !== SIGNATURE_BYTES) {
    throw new RangeError(`${where}signature must be 64 bytes, got ${signature.length}`);
  }
  if (publicKey.length !== PUBLIC_KEY_BYTES) {
    throw new RangeError(`${where}publicKey must be 32 bytes, got ${publicKey.length}`);
  }
}

/** Writes R || A || M at DATA + offset and S into slot `slot` of S_VALUES. */
function writeRecord(offset: number, slot: number, item: SignedMessage): void {
  memory.set(item.signature.subarray(0, 32), DATA + offset);
  memory.set(item.publicKey, DATA + offset + 32);
  memory.set(item.message, DATA + offset + 64);
  memory.set(item.signature.subarray(32, 64), S_VALUES + 32 * slot);
}

/** Single verification of a message too long for DATA: SHA-512 streamed, then the equation. */
function verifyLong(item: SignedMessage): boolean {
  kernel.sha512Init();
  memory.set(item.signature.subarray(0, 32), DATA);
  memory.set(item.publicKey, DATA + 32);
  kernel.sha512Update(64);
  for (let offset = 0; offset < item.message.length; offset += DATA_BYTES) {
    const chunk = item.message.subarray(offset, offset + DATA_BYTES);
    memory.set(chunk, DATA);
    kernel.sha512Update(chunk.length);
  }
  kernel.sha512Final();
  writeRecord(0, 0, { ...item, message: new Uint8Array(0) });
  return kernel.verifyPrehashed() === 1;
}

/**
 * Whether `signature` (64 bytes) is a valid Ed25519 signature of `message` by `publicKey`
 * (32 bytes) under ZIP 215. Any bytes that do not verify give false, including encodings that are
 * not points and S >= L; only wrong types and lengths throw (TypeError, RangeError).
 */
export function verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  assertSigned(signature, message, publicKey);
  const item = { signature, message, publicKey };
  if (64 + message.length > DATA_BYTES) return verifyLong(item);
  writeRecord(0, 0, item);
  return kernel.verify(message.length) === 1;
}

/** The random-linear-combination check of prepared slots start .. start + count. */
function check(start: number, count: number): boolean {
  globalThis.crypto.getRandomValues(
    memory.subarray(RANDOM + 16 * start, RANDOM + 16 * (start + count)),
  );
  return kernel.batchCheck(start, count) === 1;
}

/**
 * The state of isolating the invalid items of one chunk. Halving pays while bad items are few;
 * when checks keep failing (many bad items, say a flood of forgeries), the rest is settled one by
 * one, so a batch never costs much more than verifying every item alone.
 */
type Settlement = { verdicts: Uint8Array; failedChecks: number; maxFailedChecks: number };

/** Single verification of `candidates`; in a range known to be bad, the last one may be inferred. */
function settleSingly(candidates: number[], knownBad: boolean, s: Settlement): void {
  let allPassed = true;
  candidates.forEach((slot, i) => {
    // A range known to hold a bad signature whose other candidates all passed: the last is bad.
    const inferred = knownBad && allPassed && i === candidates.length - 1;
    s.verdicts[slot] = inferred ? 0 : kernel.batchVerifyOne(slot);
    if (s.verdicts[slot] === 0) allPassed = false;
  });
}

/**
 * Settles the verdicts of slots start .. end. `knownBad`: a check of exactly this range failed,
 * so it holds at least one invalid signature (a failed check is never wrong; a passed check is
 * wrong with probability below 2^-128).
 */
function settle(start: number, end: number, knownBad: boolean, s: Settlement): void {
  const candidates: number[] = [];
  for (let slot = start; slot < end; slot++) if (memory[STATUS + slot] === 1) candidates.push(slot);
  if (candidates.length === 0) return;
  if (candidates.length <= SINGLE_MAX || s.failedChecks >= s.maxFailedChecks) {
    settleSingly(candidates, knownBad, s);
    return;
  }
  if (!knownBad) {
    if (check(start, end - start)) {
      for (const slot of candidates) s.verdicts[slot] = 1;
      return;
    }
    s.failedChecks++;
  }
  const middle = candidates[candidates.length >> 1] as number;
  if (check(start, middle - start)) {
    for (let slot = start; slot < middle; slot++)
      s.verdicts[slot] = memory[STATUS + slot] as number;
    settle(middle, end, true, s);
  } else {
    s.failedChecks++;
    settle(start, middle, true, s);
    settle(middle, end, false, s);
  }
}

/** Verifies the items at `indices` (records fit DATA, at most BATCH_MAX) into `results`. */
function verifyChunk(list: readonly SignedMessage[], indices: number[], results: boolean[]): void {
  let offset = 0;
  indices.forEach((index, slot) => {
    const item = list[index] as SignedMessage;
    writeRecord(offset, slot, item);
    items.setUint32(8 * slot, offset, true);
    items.setUint32(8 * slot + 4, item.message.length, true);
    offset += 64 + item.message.length;
  });
  kernel.batchPrepare(indices.length);
  const settlement = {
    verdicts: new Uint8Array(indices.length),
    failedChecks: 0,
    maxFailedChecks: FAILED_CHECKS_BASE + Math.ceil(Math.log2(indices.length + 1)),
  };
  settle(0, indices.length, false, settlement);
  indices.forEach((index, slot) => {
    results[index] = settlement.verdicts[slot] === 1;
  });
}

/** Throws TypeError or RangeError unless `list` is an array of well-formed signed messages. */
export function assertSignedMessages(list: unknown): asserts list is readonly SignedMessage[] {
  if (!Array.isArray(list)) throw new TypeError('verifyBatch takes an array of signed messages');
  list.forEach((item: unknown, i) => {
    if (typeof item !== 'object' || item === null) {
      throw new TypeError(`items[${i}] must be { signature, message, publicKey }`);
    }
    const { signature, message, publicKey } = item as Record<string, unknown>;
    assertSigned(signature, message, publicKey, `items[${i}].`);
  });
}

/**
 * One verdict per item, each equal to what `verify` answers for it: a random linear combination
 * of the batch is checked by one multi-scalar multiplication, and a failing batch is halved until
 * the invalid items are isolated.
 */
export function verifyBatch(list: readonly SignedMessage[]): boolean[] {
  assertSignedMessages(list);
  const results = new Array<boolean>(list.length).fill(false);
  const long: number[] = [];
  let chunk: number[] = [];
  let bytes = 0;
  list.forEach((item, index) => {
    const size = 64 + item.message.length;
    if (size > DATA_BYTES) {
      long.push(index);
      return;
    }
    if (chunk.length === BATCH_MAX || bytes + size > DATA_BYTES) {
      verifyChunk(list, chunk, results);
      chunk = [];
      bytes = 0;
    }
    chunk.push(index);
    bytes += size;
  });
  if (chunk.length > 0) verifyChunk(list, chunk, results);
  for (const index of long) results[index] = verifyLong(list[index] as SignedMessage);
  return results;
}
