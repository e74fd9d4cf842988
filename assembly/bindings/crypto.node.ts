// `pvchain/crypto` in Node: the same API, but large inputs go to OpenSSL where bench/hash.ts
// measured it faster than Wasm. The digests are identical (test/differential/ checks both).
import { hash as opensslHash } from 'node:crypto';
import { assertBytes, assertHashAlgorithm, type HashAlgorithm, hash as wasmHash } from './hash.ts';

export * from './crypto.ts';
export { createVerifyPool, type VerifyPool, type VerifyPoolOptions } from './verify-pool.node.ts';
export { VerifyPoolError, VerifyPoolErrorCode } from './verify-pool-error.ts';

/**
 * From this many bytes on, OpenSSL beats the Wasm kernel on this machine (bench/hash.ts prints
 * both): SHA-256 runs on the CPU's SHA extensions there, so it wins early; OpenSSL's SM3 is plain C.
 */
export const OPENSSL_MIN_BYTES: Record<HashAlgorithm, number> = { sha256: 512, sm3: Infinity };

export function hash(alg: HashAlgorithm, data: Uint8Array): Uint8Array {
  assertHashAlgorithm(alg);
  assertBytes(data);
  if (data.length < OPENSSL_MIN_BYTES[alg]) return wasmHash(alg, data);
  // A plain Uint8Array, as the Wasm path returns, not a Buffer (which may share a pool).
  return new Uint8Array(opensslHash(alg, data, 'buffer'));
}

export function sha256(data: Uint8Array): Uint8Array {
  return hash('sha256', data);
}

export function sm3(data: Uint8Array): Uint8Array {
  return hash('sm3', data);
}
