// The light client's parts and what it answers (issue 9). Isomorphic: no `node:*`. The client
// (light-client/client/light-client.ts) trusts only what it verified itself: headers whose commit
// certificates more than two thirds of a trusted set's power signed, followed from the genesis
// (or a validator-signed checkpoint) one validator-set change at a time, and account (and
// contract storage) proofs against a verified header's state root. Full nodes are reached through a LightTransport; what
// was verified is kept in a LightStore so that a reload starts warm.
import type { ValidatorEntry } from '../verify/index.ts';

/** The request-response protocols of DESIGN.md a full node serves (node/sync/sync-wire.ts). */
export type LightProtocol =
  | 'status'
  | 'headers'
  | 'validator-set'
  | 'account-proof'
  | 'storage-proof'
  | 'submit-tx';

/** One full node as the transport knows it: an id and the addresses it dials, in order. */
export type FullNodePeer = { id: string; addresses: readonly string[] };

/** How the client reaches full nodes (libp2p in the browser; libp2p over TCP in Node tests). */
export type LightTransport = {
  /** Full nodes known, in order of preference. */
  peers(): readonly FullNodePeer[];
  /**
   * One request and its response: `body` is a canonical SyncRequest, the answer a SyncResponse's
   * bytes, at most `maxResponseBytes`. Rejects with LightClientError LIGHT_TIMEOUT or
   * LIGHT_UNREACHABLE; never hangs past `timeoutMs`.
   */
  request(
    peer: string,
    protocol: LightProtocol,
    body: Uint8Array,
    options: { timeoutMs: number; maxResponseBytes: number; signal?: AbortSignal },
  ): Promise<Uint8Array>;
  close(): Promise<void>;
};

/** Where trust starts: the genesis and its set, or a checkpoint the validators signed. */
export type TrustRoot =
  | {
      kind: 'genesis';
      genesisHash: Uint8Array;
      genesisTimeMs: bigint;
      validators: ValidatorEntry[];
    }
  | {
      kind: 'checkpoint';
      /** The chain the checkpoint is of (full nodes' status must name it). */
      genesisHash: Uint8Array;
      /** A canonical SignedLightClientCheckpoint (proto/sync.proto). */
      signedCheckpoint: Uint8Array;
      /** The set the checkpoint names to sign next; more than 2/3 of its power signed it. */
      validators: ValidatorEntry[];
    };

/** The newest header this client verified, and the set that signs the one after it. */
export type TrustedHead = {
  height: bigint;
  headerHash: Uint8Array;
  timeMs: bigint;
  stateRoot: Uint8Array;
  nextValidators: ValidatorEntry[];
};

/** What a LightStore keeps between page loads. */
export type StoredTrust = { chainId: string; genesisHash: Uint8Array; head: TrustedHead };

export type LightStore = {
  load(chainId: string): Promise<StoredTrust | null>;
  save(trust: StoredTrust): Promise<void>;
  /** False when the store fell back to memory (no IndexedDB, or its quota is full). */
  readonly persistent: boolean;
};

/** An account as this client verified it. */
export type VerifiedAccount = {
  address: Uint8Array;
  /** False: the proof shows that no such account exists at `height`. */
  exists: boolean;
  /** Balances by asset, `${issuer hex}/${code}` -> amount. */
  balances: Map<string, bigint>;
  nonce: bigint;
  realName: string;
  supplyStatus: number;
  /** What it was verified against. */
  height: bigint;
  headerHash: Uint8Array;
  stateRoot: Uint8Array;
  /** The full node that answered, and the witness that confirmed the header, if any. */
  servedBy: string;
  witnessedBy: string | null;
};

/** One entry of a contract's storage as this client verified it (light-client/client/storage.ts). */
export type VerifiedStorage = {
  contract: Uint8Array;
  /** The storage key as the contract defines it (not hashed: the storage trie's own key). */
  key: Uint8Array;
  /** The stored value; null: the proof shows that the key is absent at `height`. */
  value: Uint8Array | null;
  /** What it was verified against: the header, its state root and the contract's storage root. */
  height: bigint;
  headerHash: Uint8Array;
  stateRoot: Uint8Array;
  storageRoot: Uint8Array;
  /** The full node that answered, and the witness that confirmed the header, if any. */
  servedBy: string;
  witnessedBy: string | null;
};

/** Stable codes of what went wrong; a UI shows them, tests assert them. */
export const LightClientErrorCode = {
  /** No full node answered in time. */
  TIMEOUT: 'LIGHT_TIMEOUT',
  UNREACHABLE: 'LIGHT_UNREACHABLE',
  /** Bytes that do not decode (size first, canonical encoding). */
  MALFORMED: 'LIGHT_MALFORMED',
  /** A header or certificate that does not verify (the VerifyError code is in `details`). */
  BAD_HEADER: 'LIGHT_BAD_HEADER',
  /** A certificate signed by too little of the trusted set's power. */
  MINORITY_SIGNED: 'LIGHT_MINORITY_SIGNED',
  /** A header naming a validator set other than the one trust leads to. */
  WRONG_VALIDATOR_SET: 'LIGHT_WRONG_VALIDATOR_SET',
  /** A proof that does not lead to the verified state root. */
  BAD_PROOF: 'LIGHT_BAD_PROOF',
  /** A node claims a head it does not serve, or serves one older than it claimed. */
  WITHHELD_HEAD: 'LIGHT_WITHHELD_HEAD',
  /** The proven account is not a contract (or there is none): it has no storage to prove. */
  NOT_A_CONTRACT: 'LIGHT_NOT_A_CONTRACT',
  /** Two nodes serve different headers for one height: the client stops, with both. */
  CONFLICTING_HEADERS: 'LIGHT_CONFLICTING_HEADERS',
  /** Another chain (chain id or genesis hash). */
  WRONG_CHAIN: 'LIGHT_WRONG_CHAIN',
  /** The node refused a submitted transaction (`details.result` is its ResultCode). */
  REJECTED: 'LIGHT_REJECTED',
} as const;
export type LightClientErrorCode = (typeof LightClientErrorCode)[keyof typeof LightClientErrorCode];

export class LightClientError extends Error {
  readonly code: LightClientErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: LightClientErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(`${code}: ${message}`);
    this.name = 'LightClientError';
    this.code = code;
    this.details = details;
  }
}
