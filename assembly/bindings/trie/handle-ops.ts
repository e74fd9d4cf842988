// The Wasm calls on one trie handle, each retried after loading the nodes it reported missing.
// They return synchronously when everything is in memory (the common case), else a Promise.
import { type Kernel, Status } from './kernel.ts';
import type { NodeSource } from './node-source.ts';

export type TrieBatchOp =
  | { type: 'put'; key: Uint8Array; value: Uint8Array }
  | { type: 'del'; key: Uint8Array };

export type Entry = [key: Uint8Array, value: Uint8Array];

/** Bytes of operations handed to Wasm per call (a batch larger than this takes several). */
const CHUNK_BYTES = 4 * 1024 * 1024;

function opSize(op: TrieBatchOp): number {
  return 9 + op.key.length + (op.type === 'put' ? op.value.length : 0);
}

/** Writes operations from `first` on into the input buffer; returns the end index and size. */
function writeChunk(k: Kernel, ops: readonly TrieBatchOp[], first: number): [number, number] {
  let end = first;
  let size = 0;
  while (end < ops.length) {
    const next = opSize(ops[end] as TrieBatchOp);
    if (end > first && size + next > CHUNK_BYTES) break;
    size += next;
    end++;
  }
  const io = k.io(size);
  const bytes = k.bytes();
  const view = k.view();
  let at = io;
  for (let i = first; i < end; i++) {
    const op = ops[i] as TrieBatchOp;
    const value = op.type === 'put' ? op.value : undefined;
    const valueLength = value === undefined ? 0 : value.length;
    bytes[at] = value === undefined || valueLength === 0 ? 2 : 1;
    view.setUint32(at + 1, op.key.length, true);
    view.setUint32(at + 5, valueLength, true);
    bytes.set(op.key, at + 9);
    if (value !== undefined) bytes.set(value, at + 9 + op.key.length);
    at += 9 + op.key.length + valueLength;
  }
  return [end, size];
}

/** Runs the batch written at the input buffer: null when done, else the bytes not applied. */
function runChunk(k: Kernel, handle: number, size: number): Uint8Array | null {
  const io = k.io(size);
  if (k.wasm.trieBatch(handle, io, size) !== Status.MISSING_NODE) return null;
  return k.bytes().slice(io + k.result(16), io + size);
}

/** Applies `ops` in order. */
export function applyOps(
  k: Kernel,
  source: NodeSource,
  handle: number,
  ops: readonly TrieBatchOp[],
): void | Promise<void> {
  let next = 0;
  while (next < ops.length) {
    const [end, size] = writeChunk(k, ops, next);
    next = end;
    const rest = runChunk(k, handle, size);
    if (rest !== null) return resume(k, source, handle, rest, ops, next);
  }
}

async function resume(
  k: Kernel,
  source: NodeSource,
  handle: number,
  pending: Uint8Array,
  ops: readonly TrieBatchOp[],
  next: number,
): Promise<void> {
  let rest = pending;
  for (;;) {
    await source.loadMissing(k, handle);
    // Another trie may have used the input buffer meanwhile: write the rest again.
    const io = k.io(rest.length);
    k.bytes().set(rest, io);
    let left = runChunk(k, handle, rest.length);
    while (left === null && next < ops.length) {
      const [end, size] = writeChunk(k, ops, next);
      next = end;
      left = runChunk(k, handle, size);
    }
    if (left === null) return;
    rest = left;
  }
}

export function getValue(
  k: Kernel,
  source: NodeSource,
  handle: number,
  key: Uint8Array,
): Uint8Array | null | Promise<Uint8Array | null> {
  const io = k.io(key.length);
  k.bytes().set(key, io);
  const status = k.wasm.trieGet(handle, io, key.length);
  if (status === Status.FOUND) {
    const at = k.result(0);
    return k.bytes().slice(at, at + k.result(4));
  }
  if (status === Status.ABSENT) return null;
  return source.loadMissing(k, handle).then(() => getValue(k, source, handle, key));
}

/** The root hash; every dirty node is encoded and hashed once. */
export function computeRoot(k: Kernel, handle: number): Uint8Array {
  const out = k.io(32);
  k.wasm.trieRoot(handle, out);
  return k.bytes().slice(out, out + 32);
}

export function createProofOf(
  k: Kernel,
  source: NodeSource,
  handle: number,
  key: Uint8Array,
): Uint8Array[] | Promise<Uint8Array[]> {
  const io = k.io(Math.max(32, key.length));
  // The refs on the path must be current: a no-op unless something changed since the last root.
  k.wasm.trieRoot(handle, io);
  k.bytes().set(key, io);
  const status = k.wasm.trieProve(handle, io, key.length);
  if (status === Status.MISSING_NODE) {
    return source.loadMissing(k, handle).then(() => createProofOf(k, source, handle, key));
  }
  // One copy of the whole output, the nodes as views of it: one backing store per proof keeps
  // the garbage collector's external-memory accounting (and its full collections) down.
  const start = k.result(0);
  const output = k.bytes().slice(start, start + k.result(4));
  const view = new DataView(output.buffer);
  const count = view.getUint32(0, true);
  const proof: Uint8Array[] = new Array(count);
  let at = 4;
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(at, true);
    proof[i] = output.subarray(at + 4, at + 4 + length);
    at += 4 + length;
  }
  return proof;
}

export type Chunk = { entries: Entry[]; done: boolean };

/** Entries from `start` (after it if `after`), up to about 256 entries or 1 MiB. */
export function iterateChunk(
  k: Kernel,
  source: NodeSource,
  handle: number,
  start: Uint8Array,
  after: boolean,
): Chunk | Promise<Chunk> {
  const io = k.io(start.length);
  k.bytes().set(start, io);
  const status = k.wasm.trieIterate(handle, io, start.length, after ? 1 : 0, 256, 1 << 20);
  const view = k.view();
  const bytes = k.bytes();
  let at = k.result(0);
  const count = k.result(8);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const keyLength = view.getUint32(at, true);
    const key = bytes.slice(at + 4, at + 4 + keyLength);
    const valueLength = view.getUint32(at + 4 + keyLength, true);
    const valueAt = at + 8 + keyLength;
    entries.push([key, bytes.slice(valueAt, valueAt + valueLength)]);
    at = valueAt + valueLength;
  }
  if (status === Status.MISSING_NODE) {
    const loaded = source.loadMissing(k, handle);
    if (entries.length > 0) return loaded.then(() => ({ entries, done: false }));
    return loaded.then(() => iterateChunk(k, source, handle, start, after));
  }
  return { entries, done: status === Status.ABSENT };
}
