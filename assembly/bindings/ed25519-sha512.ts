// SHA-512 in the Ed25519 module's Wasm: what signing (through @noble/ed25519) and verification
// hash with. Isomorphic.
import { DATA, DATA_BYTES, kernel, memory, OUTPUT } from './ed25519-kernel.ts';
import { assertBytes } from './hash.ts';

/** SHA-512 of `data` (any length), as a new 64-byte array. */
export function sha512(data: Uint8Array): Uint8Array<ArrayBuffer> {
  assertBytes(data);
  if (data.length <= DATA_BYTES) {
    memory.set(data, DATA);
    kernel.sha512Digest(data.length);
  } else {
    kernel.sha512Init();
    for (let offset = 0; offset < data.length; offset += DATA_BYTES) {
      const chunk = data.subarray(offset, offset + DATA_BYTES);
      memory.set(chunk, DATA);
      kernel.sha512Update(chunk.length);
    }
    kernel.sha512Final();
  }
  return memory.slice(OUTPUT, OUTPUT + 64);
}
