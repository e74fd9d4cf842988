// The Ed25519 module of assembly/ed25519, loaded once (isomorphic: the same bytes in Node and in
// browsers), the SIMD build where the engine supports it. Its memory never grows, so one view
// stays valid; pointers name its static buffers.
import { ed25519SimdWasmBase64, ed25519WasmBase64 } from './generated/ed25519-wasm.ts';
import { instantiateEmbedded, simdSupported } from './wasm-loader.ts';

type Ed25519Exports = WebAssembly.Exports & {
  memory: WebAssembly.Memory;
  dataPointer(): number;
  itemsPointer(): number;
  scalarsPointer(): number;
  randomPointer(): number;
  statusPointer(): number;
  outputPointer(): number;
  dataCapacity(): number;
  batchCapacity(): number;
  sha512Digest(length: number): void;
  sha512Init(): void;
  sha512Update(length: number): void;
  sha512Final(): void;
  verify(messageLength: number): number;
  verifyPrehashed(): number;
  batchPrepare(count: number): void;
  batchCheck(start: number, count: number): number;
  batchVerifyOne(index: number): number;
};

export const kernel = instantiateEmbedded<Ed25519Exports>(
  globalThis.PVCHAIN_WASM_SIMD_ONLY === true || simdSupported()
    ? ed25519SimdWasmBase64
    : ed25519WasmBase64,
);

export const memory = new Uint8Array(kernel.memory.buffer);
/** Signed records R || A || M; also the input of the streaming SHA-512. */
export const DATA = kernel.dataPointer();
export const DATA_BYTES = kernel.dataCapacity();
/** Per batch item: u32 offset of its record in DATA, u32 message length. */
export const ITEMS = kernel.itemsPointer();
/** Per item: the 32-byte S. */
export const S_VALUES = kernel.scalarsPointer();
/** Per item: a 16-byte random coefficient, written before each batch check. */
export const RANDOM = kernel.randomPointer();
/** Per item after batchPrepare: 1 if it may be valid. */
export const STATUS = kernel.statusPointer();
export const OUTPUT = kernel.outputPointer();
/** Items one batch call takes. */
export const BATCH_MAX = kernel.batchCapacity();
