// Ed25519 keys and signing (RFC 8032 section 5.1.5-5.1.6) by @noble/ed25519's synchronous API,
// with the SHA-512 of our Wasm module. Isomorphic: fresh keys come from
// globalThis.crypto.getRandomValues. Verification lives in ./ed25519-verify.ts.
import { hashes, getPublicKey as noblePublicKey, sign as nobleSign } from '@noble/ed25519';
import { sha512 } from './ed25519-sha512.ts';
import { assertBytes } from './hash.ts';

// @noble/ed25519's synchronous functions hash through this slot; any correct SHA-512 will do.
hashes.sha512 = sha512;

export const SECRET_KEY_BYTES = 32;

/** An Ed25519 key pair: the 32-byte secret seed of RFC 8032 and the 32-byte public key. */
export type KeyPair = { secretKey: Uint8Array; publicKey: Uint8Array };

function assertSecretKey(secretKey: unknown): asserts secretKey is Uint8Array {
  assertBytes(secretKey, 'secretKey');
  if (secretKey.length !== SECRET_KEY_BYTES) {
    throw new RangeError(`secretKey must be 32 bytes, got ${secretKey.length}`);
  }
}

/** A new key pair from the platform's cryptographic random source. */
export function generateKeyPair(): KeyPair {
  const secretKey = globalThis.crypto.getRandomValues(new Uint8Array(SECRET_KEY_BYTES));
  return { secretKey, publicKey: noblePublicKey(secretKey) };
}

/** The public key of a 32-byte secret seed. */
export function getPublicKey(secretKey: Uint8Array): Uint8Array {
  assertSecretKey(secretKey);
  return noblePublicKey(secretKey);
}

/** The 64-byte RFC 8032 signature (deterministic) of `message` under `secretKey`. */
export function sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  assertBytes(message, 'message');
  assertSecretKey(secretKey);
  return nobleSign(message, secretKey);
}
