/**
 * Errors of the trie. Misuse by the caller (a key that is not a Uint8Array, a key too long, an
 * unknown hash) throws the built-in TypeError / RangeError; what a peer can cause (a proof that
 * does not hold) throws TrieProofError, and what the store can cause (a node that is missing or
 * damaged, a height no longer kept) throws TrieStoreError, each with a stable `code`.
 */

export const TrieProofErrorCode = {
  /** A node's hash is not the one its parent (or the root) names. */
  HASH_MISMATCH: 'TRIE_PROOF_HASH_MISMATCH',
  /** A node is not valid RLP or not a valid trie node. */
  MALFORMED_NODE: 'TRIE_PROOF_MALFORMED_NODE',
  /** The key's path needs a node that the proof does not have. */
  INCOMPLETE_PATH: 'TRIE_PROOF_INCOMPLETE_PATH',
  /** The proof has nodes after the end of the key's path. */
  EXTRA_NODES: 'TRIE_PROOF_EXTRA_NODES',
  /** More nodes or bytes than the limits allow; nothing was hashed. */
  TOO_LARGE: 'TRIE_PROOF_TOO_LARGE',
} as const;

export type TrieProofErrorCode = (typeof TrieProofErrorCode)[keyof typeof TrieProofErrorCode];

export interface TrieProofErrorMetadata {
  /** Index in the proof of the node at fault (the node count for a missing one). */
  nodeIndex: number;
  /** Nodes in the proof. */
  nodeCount: number;
  /** Total bytes of the proof's nodes. */
  sizeBytes: number;
}

export class TrieProofError extends Error {
  readonly code: TrieProofErrorCode;
  readonly nodeIndex: number;
  readonly nodeCount: number;
  readonly sizeBytes: number;

  constructor(code: TrieProofErrorCode, message: string, metadata: TrieProofErrorMetadata) {
    super(`${code}: ${message}`);
    this.name = 'TrieProofError';
    this.code = code;
    this.nodeIndex = metadata.nodeIndex;
    this.nodeCount = metadata.nodeCount;
    this.sizeBytes = metadata.sizeBytes;
  }

  toJSON(): { code: TrieProofErrorCode; message: string } & TrieProofErrorMetadata {
    const { code, message, nodeIndex, nodeCount, sizeBytes } = this;
    return { code, message, nodeIndex, nodeCount, sizeBytes };
  }
}

export const TrieStoreErrorCode = {
  /** A node the trie references is not in the store. */
  MISSING_NODE: 'TRIE_STORE_MISSING_NODE',
  /** A stored node does not hash to its key or does not decode. */
  CORRUPT_NODE: 'TRIE_STORE_CORRUPT_NODE',
  /** No root is kept for the height asked for (never persisted, or pruned). */
  UNKNOWN_HEIGHT: 'TRIE_STORE_UNKNOWN_HEIGHT',
} as const;

export type TrieStoreErrorCode = (typeof TrieStoreErrorCode)[keyof typeof TrieStoreErrorCode];

export interface TrieStoreErrorMetadata {
  /** The node's hash (lowercase hex), for node errors. */
  hash?: string;
  /** The height, for UNKNOWN_HEIGHT. */
  height?: number;
}

export class TrieStoreError extends Error {
  readonly code: TrieStoreErrorCode;
  readonly hash: string | undefined;
  readonly height: number | undefined;

  constructor(code: TrieStoreErrorCode, message: string, metadata: TrieStoreErrorMetadata) {
    super(`${code}: ${message}`);
    this.name = 'TrieStoreError';
    this.code = code;
    this.hash = metadata.hash;
    this.height = metadata.height;
  }

  toJSON(): { code: TrieStoreErrorCode; message: string } & TrieStoreErrorMetadata {
    const { code, message, hash, height } = this;
    return { code, message, hash, height };
  }
}
