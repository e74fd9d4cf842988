// The contracts of assembly/contracts/, as built by scripts/build-contracts.ts (`npm run build`)
// and embedded as base64: the same bytes in Node and in browsers, nothing fetched.
import {
  energyContractWasmBase64,
  exampleContractWasmBase64,
} from '../../../assembly/bindings/generated/contracts-wasm.ts';

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let energy: Uint8Array<ArrayBuffer> | undefined;
let example: Uint8Array<ArrayBuffer> | undefined;

/** The energy contract's Wasm (docs/energy-contract.md), not yet instrumented: a fresh copy. */
export function energyContractWasm(): Uint8Array<ArrayBuffer> {
  energy ??= decodeBase64(energyContractWasmBase64);
  return energy.slice();
}

/** The example contract's Wasm (docs/contracts.md, "The SDK"): a fresh copy. */
export function exampleContractWasm(): Uint8Array<ArrayBuffer> {
  example ??= decodeBase64(exampleContractWasmBase64);
  return example.slice();
}
