// `pvchain/crypto`: the chain's hash functions (and, as their issues land, Ed25519 and addresses).

export {
  ADDRESS_BYTES,
  ADDRESS_LENGTH,
  addressBytesFromPublicKey,
  addressFromPublicKey,
  addressToBytes,
  assertValidAddressBytes,
  formatAddress,
  isAddress,
  parseAddress,
} from './address.ts';
export { AddressError, AddressErrorCode } from './address-error.ts';
export { sha512 } from './ed25519-sha512.ts';
export { generateKeyPair, getPublicKey, type KeyPair, sign } from './ed25519-sign.ts';
export { type SignedMessage, verify, verifyBatch } from './ed25519-verify.ts';
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
