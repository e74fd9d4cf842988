// The hash module of assembly/hash, loaded once: SIMD build where the engine supports it.
import { hashSimdWasmBase64, hashWasmBase64 } from './generated/hash-wasm.ts';
import { instantiateEmbedded, simdSupported } from './wasm-loader.ts';

export type HashAlgorithm = 'sha256' | 'sm3';

/** The algorithm's entry points, as the ABI of assembly/hash/index.ts names them. */
export type AlgorithmKernel = {
  digest(length: number): void;
  init(): void;
  update(length: number): void;
  final(): void;
  batch64(count: number): void;
};

type HashExports = WebAssembly.Exports & {
  memory: WebAssembly.Memory;
  inputPointer(): number;
  outputPointer(): number;
  contextPointer(): number;
  inputCapacity(): number;
} & Record<
    `${HashAlgorithm}${'Digest' | 'Init' | 'Update' | 'Final' | 'Batch64'}`,
    (n?: number) => void
  >;

const wasm = instantiateEmbedded<HashExports>(
  globalThis.PVCHAIN_WASM_SIMD_ONLY === true || simdSupported()
    ? hashSimdWasmBase64
    : hashWasmBase64,
);

/** The module's memory never grows (it never allocates), so one view stays valid. */
export const memory = new Uint8Array(wasm.memory.buffer);
export const INPUT = wasm.inputPointer();
export const OUTPUT = wasm.outputPointer();
export const CONTEXT = wasm.contextPointer();
export const INPUT_BYTES = wasm.inputCapacity();
export const CONTEXT_BYTES = 128;
export const DIGEST_BYTES = 32;
/** The most 64-byte messages one batch call takes. */
export const BATCH_MAX = INPUT_BYTES / 64;

function kernelOf(alg: HashAlgorithm): AlgorithmKernel {
  return {
    digest: wasm[`${alg}Digest`],
    init: wasm[`${alg}Init`],
    update: wasm[`${alg}Update`],
    final: wasm[`${alg}Final`],
    batch64: wasm[`${alg}Batch64`],
  };
}

export const kernels: Record<HashAlgorithm, AlgorithmKernel> = {
  sha256: kernelOf('sha256'),
  sm3: kernelOf('sm3'),
};

/** The streaming state that sits in CONTEXT belongs to one hasher at a time. */
export type ContextOwner = { saveContext(): void };
let contextOwner: ContextOwner | null = null;

/**
 * Gives CONTEXT to `owner`: the previous owner copies its state out first, and `restore` puts
 * the new owner's state in. Nothing is copied while the same hasher keeps calling.
 */
export function claimContext(owner: ContextOwner, restore: () => void): void {
  if (contextOwner === owner) return;
  contextOwner?.saveContext();
  restore();
  contextOwner = owner;
}

export function releaseContext(owner: ContextOwner): void {
  if (contextOwner === owner) contextOwner = null;
}
