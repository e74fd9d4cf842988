// Single verification under ZIP 215: S < L, A and R decode (non-canonical encodings and
// small-order points included), and [8][S]B = [8]R + [8][k]A with k = SHA-512(R || A || M) over
// the bytes as given, reduced mod L. See docs/adr/0004-ed25519-verification-rule.md.
import { DATA, OUTPUT, S_VALUES } from './buffers';
import { decodePair } from './decode';
import { scIsCanonical, scReduce512 } from './scalar';
import { sha512 } from './sha512';
import { verifyEquation } from './verify-core';

const AX: usize = memory.data(40, 16);
const AY: usize = memory.data(40, 16);
const RX: usize = memory.data(40, 16);
const RY: usize = memory.data(40, 16);
const K: usize = memory.data(32, 16);

function verifyWithDigest(digest: usize): i32 {
  if (!scIsCanonical(S_VALUES)) return 0;
  if (decodePair(AX, AY, DATA + 32, RX, RY, DATA) != 3) return 0;
  scReduce512(K, digest);
  return verifyEquation(K, S_VALUES, AX, AY, RX, RY) ? 1 : 0;
}

/** 1 if the signature R (DATA[0..32)), S (S_VALUES[0..32)) on M (DATA[64..64 + length)) by A (DATA[32..64)) is valid, else 0. */
export function verify(messageLength: i32): i32 {
  sha512(OUTPUT, DATA, 64 + <usize>messageLength);
  return verifyWithDigest(OUTPUT);
}

/**
 * As verify, for a message too long for DATA: OUTPUT already holds SHA-512(R || A || M) (from the
 * streaming hash), DATA[0..64) holds R || A.
 */
export function verifyPrehashed(): i32 {
  return verifyWithDigest(OUTPUT);
}
