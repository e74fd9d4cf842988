// The Merkle root that block headers carry for their transactions and receipts (docs/adr/0006).
//
// Leaves are 32-byte hashes (of transactions, of receipts). A level is hashed pairwise,
// H(left || right), 64 bytes per parent, so a whole level goes through the Wasm batch kernel in
// one call. An odd node at the end of a level moves up unchanged (no duplication, so no two leaf
// lists share a root the way Bitcoin's CVE-2012-2459 allowed). The root binds the leaf count:
// root = H(count as 8 bytes big-endian || top), so trees of different sizes never collide.
import { type HashAlgorithm, hash, hashBatch64 } from '../../assembly/bindings/crypto.ts';

export const MERKLE_LEAF_BYTES = 32;

function withCount(alg: HashAlgorithm, count: number, top: Uint8Array): Uint8Array {
  const input = new Uint8Array(8 + top.length);
  new DataView(input.buffer).setBigUint64(0, BigInt(count));
  input.set(top, 8);
  return hash(alg, input);
}

/** The root over `leaves` (each 32 bytes), in order. */
export function merkleRoot(alg: HashAlgorithm, leaves: readonly Uint8Array[]): Uint8Array {
  let level = new Uint8Array(leaves.length * MERKLE_LEAF_BYTES);
  leaves.forEach((leaf, i) => {
    if (!(leaf instanceof Uint8Array) || leaf.length !== MERKLE_LEAF_BYTES) {
      throw new RangeError(`leaf ${i} must be ${MERKLE_LEAF_BYTES} bytes`);
    }
    level.set(leaf, i * MERKLE_LEAF_BYTES);
  });
  let count = leaves.length;
  while (count > 1) {
    const pairs = count >> 1;
    const parents = hashBatch64(alg, level.subarray(0, pairs * 64));
    const odd = count & 1;
    const next = new Uint8Array((pairs + odd) * MERKLE_LEAF_BYTES);
    next.set(parents);
    if (odd)
      next.set(
        level.subarray((count - 1) * MERKLE_LEAF_BYTES, count * MERKLE_LEAF_BYTES),
        pairs * MERKLE_LEAF_BYTES,
      );
    level = next;
    count = pairs + odd;
  }
  return withCount(alg, leaves.length, level.subarray(0, count * MERKLE_LEAF_BYTES));
}
