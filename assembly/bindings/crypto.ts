// `pvchain/crypto`: the chain's hash functions (and, as their issues land, Ed25519 and addresses).
export {
  assertHashAlgorithm,
  createHasher,
  HASH_ALGORITHMS,
  type HashAlgorithm,
  type Hasher,
  hash,
  hashBatch64,
  sha256,
  sha256Batch64,
  sm3,
  sm3Batch64,
} from './hash.ts';
export { simdSupported } from './wasm-loader.ts';
