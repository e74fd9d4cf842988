// The trie module of assembly/trie, instantiated once on first use (SIMD build where the engine
// has SIMD) and shared by every trie and by proof verification. Its memory grows with the tries
// it holds, so views of it are re-made whenever `memory.buffer` has changed.
import { trieSimdWasmBase64, trieWasmBase64 } from '../generated/trie-wasm.ts';
import type { HashAlgorithm } from '../hash-kernel.ts';
import { instantiateEmbedded, simdSupported } from '../wasm-loader.ts';

/** The exports of assembly/trie/index.ts. Pointers come back as i32: read them with `>>> 0`. */
export type TrieExports = WebAssembly.Exports & {
  memory: WebAssembly.Memory;
  ioBuffer(size: number): number;
  loadBuffer(size: number): number;
  resultPointer(): number;
  missingPointer(): number;
  missingLength(): number;
  maxKeyBytes(): number;
  memoryStats(): void;
  trieCreate(alg: number): number;
  trieFree(trie: number): void;
  trieSetRoot(trie: number, hash: number, empty: number): void;
  trieStats(trie: number): void;
  trieNextEpoch(trie: number): void;
  trieBatch(trie: number, ops: number, len: number): number;
  trieGet(trie: number, key: number, keyLen: number): number;
  trieRoot(trie: number, out: number): void;
  trieProve(trie: number, key: number, keyLen: number): number;
  trieIterate(
    trie: number,
    start: number,
    startLen: number,
    after: number,
    limit: number,
    bytes: number,
  ): number;
  trieCheckpoint(trie: number): void;
  trieCommit(trie: number): void;
  trieRevert(trie: number): void;
  trieDepth(trie: number): number;
  triePersistCollect(trie: number): void;
  triePersistDone(trie: number): void;
  trieEvict(trie: number, keepBytes: number): void;
  trieLoad(trie: number, stub: number, p: number, len: number): number;
  nodeChildHashes(p: number, len: number, out: number): number;
  hashDigest(alg: number, p: number, len: number, out: number): void;
  verifyProof(
    alg: number,
    root: number,
    key: number,
    keyLen: number,
    nodes: number,
    count: number,
  ): number;
};

/** Statuses of the reading and updating calls (assembly/trie/read.ts, index.ts). */
export const Status = { OK: 0, FOUND: 0, ABSENT: 1, MISSING_NODE: 2, MORE: 3 } as const;

/** Statuses of verifyProof (assembly/trie/verify.ts). */
export const VerifyStatus = {
  FOUND: 0,
  ABSENT: 1,
  HASH_MISMATCH: 2,
  MALFORMED: 3,
  INCOMPLETE: 4,
  EXTRA_NODES: 5,
} as const;

export const ALGORITHM_IDS: Record<HashAlgorithm, number> = { sha256: 0, sm3: 1 };

/** Offsets in a node record (assembly/trie/node.ts). */
export const NODE_REF_OFFSET = 32;

export type Kernel = {
  readonly wasm: TrieExports;
  /** The module's memory as bytes, current. */
  bytes(): Uint8Array;
  view(): DataView;
  /** The input buffer, at least `size` bytes. */
  io(size: number): number;
  /** The load buffer, at least `size` bytes. */
  loadArea(size: number): number;
  /** RESULT: u32 fields at 0 (pointer), 4 (length), 8 (count), 12 (index), 16 (offset). */
  result(field: number): number;
  readonly maxKeyBytes: number;
};

let kernel: Kernel | undefined;

function createKernel(): Kernel {
  const wasm = instantiateEmbedded<TrieExports>(
    globalThis.PVCHAIN_WASM_SIMD_ONLY === true || simdSupported()
      ? trieSimdWasmBase64
      : trieWasmBase64,
  );
  let buffer = wasm.memory.buffer;
  let bytes = new Uint8Array(buffer);
  let view = new DataView(buffer);
  const refresh = (): void => {
    if (wasm.memory.buffer !== buffer) {
      buffer = wasm.memory.buffer;
      bytes = new Uint8Array(buffer);
      view = new DataView(buffer);
    }
  };
  const result = wasm.resultPointer() >>> 0;
  let io = 0;
  let ioCap = 0;
  let load = 0;
  let loadCap = 0;
  return {
    wasm,
    bytes() {
      refresh();
      return bytes;
    },
    view() {
      refresh();
      return view;
    },
    io(size) {
      if (size > ioCap || io === 0) {
        io = wasm.ioBuffer(Math.max(size, 1)) >>> 0;
        ioCap = Math.max(size, 65536);
      }
      return io;
    },
    loadArea(size) {
      if (size > loadCap || load === 0) {
        load = wasm.loadBuffer(Math.max(size, 1)) >>> 0;
        loadCap = Math.max(size, 65536);
      }
      return load;
    },
    result(field) {
      refresh();
      return view.getUint32(result + field, true);
    },
    maxKeyBytes: wasm.maxKeyBytes(),
  };
}

/** The shared trie module, instantiated on first use. */
export function trieKernel(): Kernel {
  kernel ??= createKernel();
  return kernel;
}
