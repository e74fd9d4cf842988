// verifyProof: what a browser needs to check a balance against a block's state root. It loads
// the trie module's Wasm (hashing and the path walk run there) but none of the trie's storage
// or update code, and needs no `await`.
import type { HashAlgorithm } from '../hash-kernel.ts';
import { assertAlgorithm, assertBytes, assertKey, assertRoot } from './args.ts';
import { TrieProofError, TrieProofErrorCode } from './errors.ts';
import { ALGORITHM_IDS, trieKernel, VerifyStatus } from './kernel.ts';

export type VerifyProofOptions = {
  hash: HashAlgorithm;
  /** Most nodes a proof may have (default 128: a 32-byte key's path has at most 65 or so). */
  maxNodes?: number;
  /** Most bytes a proof's nodes may have together (default 4 MiB). */
  maxBytes?: number;
};

export const DEFAULT_MAX_PROOF_NODES = 128;
export const DEFAULT_MAX_PROOF_BYTES = 4 * 1024 * 1024;

const failures = {
  [VerifyStatus.HASH_MISMATCH]: [
    TrieProofErrorCode.HASH_MISMATCH,
    'the node does not hash to the reference its parent (or the root) holds',
  ],
  [VerifyStatus.MALFORMED]: [
    TrieProofErrorCode.MALFORMED_NODE,
    'the node is not a valid trie node',
  ],
  [VerifyStatus.INCOMPLETE]: [
    TrieProofErrorCode.INCOMPLETE_PATH,
    "the key's path goes on past the proof's last node",
  ],
  [VerifyStatus.EXTRA_NODES]: [
    TrieProofErrorCode.EXTRA_NODES,
    "the proof has nodes past the end of the key's path",
  ],
} as const;

function limit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

/**
 * Checks `proof` (the encoded nodes of `key`'s path, root first) against the state `root`:
 * returns the key's value, or `null` when the proof shows the key is absent. Throws
 * TrieProofError when the proof does not hold, TypeError/RangeError for misuse.
 */
export function verifyProof(
  root: Uint8Array,
  key: Uint8Array,
  proof: readonly Uint8Array[],
  options: VerifyProofOptions,
): Uint8Array | null {
  assertRoot(root);
  assertKey(key);
  if (!Array.isArray(proof)) throw new TypeError('proof must be an array of Uint8Array');
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('options must be an object with `hash`');
  }
  assertAlgorithm(options.hash);
  const maxNodes = limit(options.maxNodes, DEFAULT_MAX_PROOF_NODES, 'maxNodes');
  const maxBytes = limit(options.maxBytes, DEFAULT_MAX_PROOF_BYTES, 'maxBytes');
  const count = proof.length;
  let sizeBytes = 0;
  for (let i = 0; i < count; i++) {
    const node = proof[i];
    assertBytes(node, `proof[${i}]`);
    sizeBytes += node.length;
  }
  if (count > maxNodes || sizeBytes > maxBytes) {
    throw new TrieProofError(
      TrieProofErrorCode.TOO_LARGE,
      `${count} nodes of ${sizeBytes} bytes; at most ${maxNodes} nodes and ${maxBytes} bytes`,
      { nodeIndex: Math.min(count, maxNodes), nodeCount: count, sizeBytes },
    );
  }
  // Layout in the input buffer: root, key, node table (pointer, length, digest pointer), digests,
  // nodes.
  const k = trieKernel();
  const tableAt = 32 + key.length;
  const digestsAt = tableAt + count * 12;
  const nodesAt = digestsAt + count * 32;
  const io = k.io(nodesAt + sizeBytes);
  const bytes = k.bytes();
  const view = k.view();
  bytes.set(root, io);
  bytes.set(key, io + 32);
  let offset = io + nodesAt;
  for (let i = 0; i < count; i++) {
    const node = proof[i] as Uint8Array;
    const entry = io + tableAt + i * 12;
    view.setUint32(entry, offset, true);
    view.setUint32(entry + 4, node.length, true);
    view.setUint32(entry + 8, io + digestsAt + i * 32, true);
    bytes.set(node, offset);
    offset += node.length;
  }
  const status = k.wasm.verifyProof(
    ALGORITHM_IDS[options.hash],
    io,
    io + 32,
    key.length,
    io + tableAt,
    count,
  );
  if (status === VerifyStatus.ABSENT) return null;
  if (status === VerifyStatus.FOUND) {
    const at = k.result(0);
    return k.bytes().slice(at, at + k.result(4));
  }
  const failure = failures[status as keyof typeof failures];
  if (failure === undefined) throw new Error(`trie module: unexpected verify status ${status}`);
  const nodeIndex = k.result(12);
  throw new TrieProofError(failure[0], `node ${nodeIndex}: ${failure[1]}`, {
    nodeIndex,
    nodeCount: count,
    sizeBytes,
  });
}
