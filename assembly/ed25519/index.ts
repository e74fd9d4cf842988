// Entry point of the Ed25519 module: every export here is part of the ABI the bindings use
// (assembly/bindings/ed25519-kernel.ts).
export {
  batchCapacity,
  dataCapacity,
  dataPointer,
  itemsPointer,
  outputPointer,
  randomPointer,
  scalarsPointer,
  statusPointer,
} from './buffers';
export { batchCheck, batchPrepare, batchVerifyOne } from './batch';
export { sha512Digest, sha512Final, sha512Init, sha512Update } from './sha512';
export { verify, verifyPrehashed } from './verify';
