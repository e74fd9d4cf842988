// Entry point of the hash module: every export here is part of the ABI the bindings use.
export { contextPointer, inputCapacity, inputPointer, outputPointer } from './buffers';
export { sha256Batch64, sha256Digest, sha256Final, sha256Init, sha256Update } from './sha256';
export { sm3Batch64, sm3Digest, sm3Final, sm3Init, sm3Update } from './sm3';
