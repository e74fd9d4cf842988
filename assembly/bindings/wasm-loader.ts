// Loads the Wasm modules of assembly/ synchronously, in Node and in browsers alike: the bytes are
// embedded as base64 by scripts/build-wasm.ts, so nothing is fetched and no Node built-in is used.

/** `(module (func (result v128) i32.const 0 i32x4.splat))`: valid only where SIMD is. */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03,
  0x02, 0x01, 0x00, 0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x11, 0x0b,
]);

let simd: boolean | undefined;

declare global {
  /**
   * Set to true by a browser bundle's build (esbuild or Vite `define`) to ship only the SIMD
   * builds of the Wasm kernels: the scalar ones then drop out of the bundle (docs/adr/0022).
   */
  var PVCHAIN_WASM_SIMD_ONLY: boolean | undefined;
}

/** Whether this engine runs WebAssembly SIMD (fixed-width, 128-bit). */
export function simdSupported(): boolean {
  simd ??= WebAssembly.validate(SIMD_PROBE);
  return simd;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The imports an AssemblyScript module with the stub runtime may ask for. */
const imports = {
  env: {
    abort(): never {
      throw new Error('Wasm module aborted');
    },
  },
};

/** Compiles and instantiates an embedded module; compiling a small module synchronously is allowed on a browser's main thread. */
export function instantiateEmbedded<T extends WebAssembly.Exports>(base64: string): T {
  if (globalThis.PVCHAIN_WASM_SIMD_ONLY === true && !simdSupported())
    throw new Error('this build of pvchain needs WebAssembly SIMD, which this engine lacks');
  const module = new WebAssembly.Module(decodeBase64(base64));
  return new WebAssembly.Instance(module, imports).exports as T;
}
