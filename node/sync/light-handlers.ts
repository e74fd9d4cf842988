// The light client's protocols on a full node (proto/sync.proto): `headers` (signed headers:
// each header with its own commit certificate, read from ledger.db), `validator-set` (the set that
// signs a height, found by the hash its header names), `account-proof` (an account and its Merkle
// proof against the state root of a height), `storage-proof` (one key of a contract's storage: the
// contract's account proof and the proof of the key in its storage trie) and `submit-tx` (a
// browser has no gossip). Answers are what the node has; the light client verifies every byte of
// them (light-client/verify, light-client/client).

import { HOST_LIMITS } from '../../light-client/contracts/host-types.ts';
import {
  bigintToLong,
  decodeCanonical,
  encodeCanonical,
  longToBigint,
  pvchain,
} from '../../proto/index.ts';
import { storedBlockParts } from './sync-wire.ts';

const v1 = pvchain.v1;
const { SyncErrorCode } = v1;

/** Most headers in one answer (a header and its certificate are a few KiB at most). */
export const MAX_HEADERS_PER_RESPONSE = 256;

/**
 * Largest storage-proof request: a 23-byte contract, a key of up to 64 bytes (the contract host's
 * limit) and a height, in the SyncRequest envelope (about 105 bytes).
 */
export const MAX_STORAGE_PROOF_REQUEST_BYTES = 128;

export type StorageProofAnswer = {
  height: bigint;
  /** The contract's account record; undefined when there is none (accountProof proves it). */
  account: Uint8Array | undefined;
  accountProof: Uint8Array[];
  /** The stored value; undefined when absent (storageProof proves it). */
  value: Uint8Array | undefined;
  storageProof: Uint8Array[];
};

export type AccountProofAnswer = {
  height: bigint;
  account: Uint8Array | undefined;
  proof: Uint8Array[];
};

export type LightServerComponents = {
  ledger: {
    head(): bigint;
    blockAt(height: bigint): Promise<Uint8Array | undefined>;
    validatorSet(hash: Uint8Array): Promise<Uint8Array | undefined>;
  };
  /** The account at `height` (undefined: the latest) and its proof; null when that state is gone. */
  accountProof(address: Uint8Array, height: bigint | undefined): Promise<AccountProofAnswer | null>;
  /** A key of a contract's storage at `height` (undefined: the latest) and both proofs; null when gone. */
  storageProof(
    contract: Uint8Array,
    key: Uint8Array,
    height: bigint | undefined,
  ): Promise<StorageProofAnswer | null>;
  /** Admits a transaction to the pool (and gossips it). */
  submit(
    envelope: Uint8Array,
  ): Promise<
    { ok: true; hash: Uint8Array } | { ok: false; result: pvchain.v1.ResultCode; message: string }
  >;
};

export class LightRequestError extends Error {
  readonly code: pvchain.v1.SyncErrorCode;
  readonly result: pvchain.v1.ResultCode | undefined;
  constructor(code: pvchain.v1.SyncErrorCode, message: string, result?: pvchain.v1.ResultCode) {
    super(message);
    this.code = code;
    this.result = result;
  }
}

const fail = (code: pvchain.v1.SyncErrorCode, message: string): never => {
  throw new LightRequestError(code, message);
};

const respond = (body: pvchain.v1.SyncResponse.$Properties): Uint8Array =>
  encodeCanonical(v1.SyncResponse, body, { maxBytes: Number.MAX_SAFE_INTEGER });

export function createLightHandlers(c: LightServerComponents) {
  /** `requested` (0: the latest), checked against what ledger.db holds. */
  function heightOf(requested: bigint): bigint {
    const height = requested;
    const head = c.ledger.head();
    if (height > head)
      fail(SyncErrorCode.SYNC_ERROR_CODE_NOT_FOUND, `the latest height is ${head}`);
    return height === 0n ? head : height;
  }

  async function stored(height: bigint) {
    const bytes = await c.ledger.blockAt(height);
    if (!bytes) throw new Error(`ledger.db has no block ${height}`);
    return storedBlockParts(bytes);
  }

  return {
    async headers(request: pvchain.v1.HeadersRequest): Promise<Uint8Array> {
      const start = longToBigint(request.startHeight);
      if (request.count < 1 || start < 1n)
        fail(SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST, 'headers from height 1, count at least 1');
      const head = c.ledger.head();
      if (start > head)
        fail(SyncErrorCode.SYNC_ERROR_CODE_NOT_FOUND, `the latest height is ${head}`);
      const headers: pvchain.v1.SignedHeader.$Properties[] = [];
      const last = start + BigInt(Math.min(request.count, MAX_HEADERS_PER_RESPONSE)) - 1n;
      for (let h = start; h <= last && h <= head; h++) {
        const parts = await stored(h);
        headers.push({ header: parts.header(), commit: parts.commit() });
      }
      return respond({ headers: { headers } });
    },

    async validatorSet(request: pvchain.v1.ValidatorSetRequest): Promise<Uint8Array> {
      const height = heightOf(longToBigint(request.height));
      const header = (await stored(height)).header();
      const encoded = await c.ledger.validatorSet(header.validatorsHash);
      if (!encoded)
        fail(SyncErrorCode.SYNC_ERROR_CODE_PRUNED, `the set of height ${height} is not kept`);
      const validatorSet = decodeCanonical(v1.ValidatorSet, encoded as Uint8Array);
      return respond({ validatorSet: { height: bigintToLong(height), validatorSet } });
    },

    async accountProof(request: pvchain.v1.AccountProofRequest): Promise<Uint8Array> {
      if (request.address.length !== 23)
        fail(SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST, 'an address is 23 bytes');
      const requested = longToBigint(request.height);
      const height = requested === 0n ? undefined : heightOf(requested);
      const answer = await c.accountProof(request.address, height);
      if (!answer)
        fail(SyncErrorCode.SYNC_ERROR_CODE_PRUNED, `the state of height ${height} is not kept`);
      const { account, proof } = answer as AccountProofAnswer;
      return respond({
        accountProof: {
          height: bigintToLong((answer as AccountProofAnswer).height),
          account: account ?? new Uint8Array(0),
          proof,
        },
      });
    },

    async storageProof(request: pvchain.v1.StorageProofRequest): Promise<Uint8Array> {
      if (request.contract.length !== 23)
        fail(SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST, 'a contract address is 23 bytes');
      if (request.key.length < 1 || request.key.length > HOST_LIMITS.maxKeyBytes)
        fail(
          SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST,
          `a storage key is 1-${HOST_LIMITS.maxKeyBytes} bytes`,
        );
      const requested = longToBigint(request.height);
      const height = requested === 0n ? undefined : heightOf(requested);
      const answer = await c.storageProof(request.contract, request.key, height);
      if (!answer)
        fail(SyncErrorCode.SYNC_ERROR_CODE_PRUNED, `the state of height ${height} is not kept`);
      const found = answer as StorageProofAnswer;
      return respond({
        storageProof: {
          height: bigintToLong(found.height),
          account: found.account ?? new Uint8Array(0),
          accountProof: found.accountProof,
          value: found.value ?? new Uint8Array(0),
          storageProof: found.storageProof,
        },
      });
    },

    async submitTransaction(request: pvchain.v1.SubmitTransactionRequest): Promise<Uint8Array> {
      if (!request.transaction)
        fail(SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST, 'no transaction to submit');
      const envelope = encodeCanonical(v1.SignedTransaction, request.transaction ?? {});
      const answer = await c.submit(envelope);
      if (!answer.ok)
        throw new LightRequestError(
          SyncErrorCode.SYNC_ERROR_CODE_REJECTED,
          answer.message,
          answer.result,
        );
      return respond({ submitTransaction: { transactionHash: answer.hash } });
    },
  };
}

export type LightHandlers = ReturnType<typeof createLightHandlers>;
