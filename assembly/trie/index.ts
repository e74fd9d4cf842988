// Entry point of the trie module: every export here is the ABI that assembly/bindings/trie uses.
//
// The bindings write inputs into the buffer `ioBuffer` returns, call, and read what RESULT,
// MISSING and the output buffer hold. Calls that meet an unloaded node return MISSING_NODE with
// the stubs listed in MISSING; the bindings load their encodings (`trieLoad`) and call again.
// Memory grows as tries grow: the bindings re-read `memory.buffer` after every call.
import { alloc, free, liveBytes, reservedBytes } from './alloc';
import {
  checkpointDepth,
  commitCheckpoint,
  openCheckpoint,
  revertCheckpoint,
} from './checkpoint';
import { childHashes, loadInto, MAX_KEY_BYTES } from './decode';
import { computeRefs, rootHash } from './encode';
import { digest } from './hash';
import { addMissing, clearMissing, MISSING, missingCount, RESULT, setKey } from './key';
import {
  enter,
  freeTree,
  HASH,
  kindOf,
  N_REF,
  newStub,
  T_ALG,
  T_BLOBBYTES,
  T_EPOCH,
  T_NODES,
  T_ROOT,
  T_ROOTHASH,
  T_STUBS,
  TRIE_BYTES,
} from './node';
import { clearNew, collectNew, evict } from './persist';
import { iterate, lookup, MISSING_NODE, prove } from './read';
import { prepare, update } from './update';

export { ioBuffer, loadBuffer } from './out';
export { verifyProof } from './verify';

export const OK: i32 = 0;

export function resultPointer(): usize {
  return RESULT;
}

export function missingPointer(): usize {
  return MISSING;
}

export function missingLength(): i32 {
  return <i32>missingCount;
}

export function maxKeyBytes(): i32 {
  return <i32>MAX_KEY_BYTES;
}

export function memoryStats(): void {
  store<u32>(RESULT, <u32>liveBytes, 0);
  store<u32>(RESULT, <u32>reservedBytes, 4);
}

/** A new empty trie hashing with `alg` (0 SHA-256, 1 SM3). */
export function trieCreate(alg: u32): usize {
  const trie = alloc(TRIE_BYTES);
  memory.fill(trie, 0, TRIE_BYTES);
  store<u32>(trie, alg, T_ALG);
  return trie;
}

/** Frees the trie: every checkpoint is reverted, then the tree and the handle are freed. */
export function trieFree(trie: usize): void {
  enter(trie);
  while (checkpointDepth() > 0) revertCheckpoint();
  freeTree(<usize>load<u32>(trie, T_ROOT));
  free(trie, TRIE_BYTES);
}

/** Replaces the trie's contents by the stored trie of root hash `hash` (no checkpoint open). */
export function trieSetRoot(trie: usize, hash: usize, empty: bool): void {
  enter(trie);
  freeTree(<usize>load<u32>(trie, T_ROOT));
  store<u32>(trie, empty ? 0 : <u32>newStub(hash, 0), T_ROOT);
  memory.copy(trie + T_ROOTHASH, hash, 32);
}

/** Counts of the trie's records and blob bytes at RESULT and RESULT + 4. */
export function trieStats(trie: usize): void {
  store<u32>(RESULT, load<u32>(trie, T_NODES), 0);
  store<u32>(RESULT, load<u32>(trie, T_BLOBBYTES), 4);
}

/** Starts the next epoch (after a persist): nodes walked before it age by one. */
export function trieNextEpoch(trie: usize): void {
  store<u32>(trie, load<u32>(trie, T_EPOCH) + 1, T_EPOCH);
}

function rootOf(trie: usize): usize {
  return <usize>load<u32>(trie, T_ROOT);
}

/**
 * Applies the batch at [ops, ops + len): per operation u8 kind (1 put, 2 delete), u32 key length,
 * u32 value length, key, value. Returns OK, or MISSING_NODE with the offset of the first
 * operation not applied at RESULT + 16 (and unloaded nodes that later operations need as well).
 */
export function trieBatch(trie: usize, ops: usize, len: usize): i32 {
  enter(trie);
  clearMissing();
  let off: usize = 0;
  while (off < len) {
    const op = ops + off;
    const keyLen = <usize>load<u32>(op, 1);
    const valueLen = <usize>load<u32>(op, 5);
    const del = load<u8>(op) == 2;
    setKey(op + 9, keyLen);
    const stub = load<u32>(trie, T_STUBS) == 0 ? 0 : prepare(rootOf(trie), del);
    if (stub != 0) {
      addMissing(stub);
      prefetch(trie, ops, off + 9 + keyLen + valueLen, len);
      store<u32>(RESULT, <u32>off, 16);
      return MISSING_NODE;
    }
    store<u32>(trie, <u32>update(rootOf(trie), op + 9 + keyLen, del ? 0 : valueLen), T_ROOT);
    off += 9 + keyLen + valueLen;
  }
  store<u32>(RESULT, <u32>off, 16);
  return OK;
}

/** Lists the unloaded nodes that the next operations need too, so the bindings fetch them at once. */
function prefetch(trie: usize, ops: usize, off: usize, len: usize): void {
  for (let n = 0; n < 1024 && off < len; n++) {
    const op = ops + off;
    const keyLen = <usize>load<u32>(op, 1);
    setKey(op + 9, keyLen);
    const stub = prepare(rootOf(trie), load<u8>(op) == 2);
    if (stub != 0 && !addMissing(stub)) return;
    off += 9 + keyLen + <usize>load<u32>(op, 5);
  }
}

/** Looks a key up: FOUND (value at RESULT), ABSENT or MISSING_NODE. */
export function trieGet(trie: usize, key: usize, keyLen: usize): i32 {
  enter(trie);
  clearMissing();
  setKey(key, keyLen);
  return lookup(rootOf(trie));
}

/** Computes the root: every dirty node encoded and hashed once; the hash goes to `out`. */
export function trieRoot(trie: usize, out: usize): void {
  enter(trie);
  const alg = load<u32>(trie, T_ALG);
  const root = rootOf(trie);
  if (root != 0) computeRefs(alg, root);
  rootHash(alg, root, trie + T_ROOTHASH);
  memory.copy(out, trie + T_ROOTHASH, 32);
}

/** The proof of a key (see read.ts); the root must have been computed since the last update. */
export function trieProve(trie: usize, key: usize, keyLen: usize): i32 {
  enter(trie);
  clearMissing();
  setKey(key, keyLen);
  return prove(rootOf(trie));
}

export function trieIterate(
  trie: usize,
  start: usize,
  startLen: usize,
  after: bool,
  limit: usize,
  bytes: usize,
): i32 {
  enter(trie);
  clearMissing();
  return iterate(rootOf(trie), start, startLen, after, limit, bytes);
}

export function trieCheckpoint(trie: usize): void {
  enter(trie);
  openCheckpoint();
}

export function trieCommit(trie: usize): void {
  enter(trie);
  commitCheckpoint();
}

export function trieRevert(trie: usize): void {
  enter(trie);
  revertCheckpoint();
}

export function trieDepth(trie: usize): i32 {
  enter(trie);
  return checkpointDepth();
}

/** The nodes to store (see persist.ts); the root must have been computed. */
export function triePersistCollect(trie: usize): void {
  enter(trie);
  collectNew(rootOf(trie), trie + T_ROOTHASH);
}

export function triePersistDone(trie: usize): void {
  enter(trie);
  clearNew(rootOf(trie));
}

export function trieEvict(trie: usize, keepBytes: f64): void {
  enter(trie);
  evict(rootOf(trie), <u64>keepBytes);
}

/**
 * Loads the encoding [p, p + len) into the stub `stub` of `trie`: 0 done, 1 its hash is not the
 * stub's, 2 it is not a valid node.
 */
export function trieLoad(trie: usize, stub: usize, p: usize, len: usize): i32 {
  enter(trie);
  if (kindOf(stub) != HASH) return 0;
  const check = RESULT + 32;
  digest(load<u32>(trie, T_ALG), p, len, check);
  if (memory.compare(check, stub + N_REF, 32) != 0) return 1;
  return loadInto(stub, p, p + len) ? 0 : 2;
}

/** A scratch trie that decoding outside any trie charges its records to. */
let scratchTrie: usize = 0;

/** The hashes an encoding references (for pruning); -1 if it is not a valid node. */
export function nodeChildHashes(p: usize, len: usize, out: usize): i32 {
  if (scratchTrie == 0) scratchTrie = trieCreate(0);
  enter(scratchTrie);
  return childHashes(p, p + len, out);
}

/** The digest of [p, p + len) under `alg` into `out`. */
export function hashDigest(alg: u32, p: usize, len: usize, out: usize): void {
  digest(alg, p, len, out);
}
