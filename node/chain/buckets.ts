// The one registry of storage key prefixes (DESIGN.md: one byte per bucket, only ever grows).
// A prefix, once used, never changes meaning; a removed bucket's byte is never reused.
export const Bucket = {
  // ledger.db
  /** height (8 bytes BE) -> CommittedBlock */
  BLOCK_BY_HEIGHT: 0x01,
  /** block hash -> height (8 bytes BE) */
  HEIGHT_BY_BLOCK_HASH: 0x02,
  /** transaction hash -> height (8 bytes BE) || index (4 bytes BE) */
  TRANSACTION_LOCATION: 0x03,
  /** height (8) || index (4) -> Receipt */
  RECEIPT: 0x04,
  /** address (23) || height (8) || index (4) -> empty: the transactions that touch an address */
  ADDRESS_TRANSACTION: 0x05,
  /** a name of LedgerMeta -> its value */
  LEDGER_META: 0x06,
  /** validator set hash -> canonical ValidatorSet: every set a header names (light clients) */
  VALIDATOR_SET_BY_HASH: 0x07,
  // account.db: the state trie (assembly/bindings/trie/store-keys.ts)
  /** node hash -> encoded trie node */
  TRIE_NODE: 0x20,
  /** height (8 bytes BE) -> state root persisted at that height */
  TRIE_ROOT_BY_HEIGHT: 0x21,
  /** the head record: the last persisted height and root */
  TRIE_HEAD: 0x22,
  /** code hash -> a contract's Wasm code as deployed */
  CONTRACT_CODE: 0x23,
  /** contract address (23) || a trie's own keys (0x20-0x22) -> that contract's storage trie */
  CONTRACT_STORAGE: 0x24,
  // keyvalue.db: consensus and node state
  /** The last commit vote this validator signed: height (8) || view (8) || block hash. */
  LAST_SIGNED_VOTE: 0x40,
  /**
   * PBFT's sign log (node/consensus/level-sign-log.ts): kind (1) || height (8 BE) || view (8 BE)
   * -> what was signed: digest, canonical body, proof.
   */
  CONSENSUS_SIGN_LOG: 0x41,
} as const;

/** Names under LEDGER_META. */
export const LedgerMeta = {
  /** The height of the newest committed block (8 bytes BE). */
  HEAD_HEIGHT: 'head-height',
  /** The chain id the store belongs to (UTF-8): a data directory of another chain is refused. */
  CHAIN_ID: 'chain-id',
} as const;

export function key(bucket: number, ...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(1 + parts.reduce((n, p) => n + p.length, 0));
  out[0] = bucket;
  let offset = 1;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function u64be(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value);
  return out;
}

export function u32be(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

export function readU64be(bytes: Uint8Array, offset = 0): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(offset);
}

export function readU32be(bytes: Uint8Array, offset = 0): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
