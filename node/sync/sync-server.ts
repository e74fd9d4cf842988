// The serving side of block sync: `status` (this node's chain: genesis hash, latest final height
// and hash, the lowest height served) and `blocks` (consecutive CommittedBlocks read from
// ledger.db, bounded by count and bytes). Every request is size-checked and decoded canonically;
// anything malformed or out of range is answered with SyncResponse.error, and no request can make
// the handler throw.
import type { HashAlgorithm } from '../../assembly/bindings/crypto.ts';
import {
  bigintToLong,
  encodeCanonical,
  longToBigint,
  MAX_BYTES_BY_TYPE,
  ProtoError,
  pvchain,
} from '../../proto/index.ts';
import {
  type LightHandlers,
  LightRequestError,
  MAX_STORAGE_PROOF_REQUEST_BYTES,
} from './light-handlers.ts';
import {
  decodeSyncRequest,
  encodeBlocksResponse,
  encodeErrorResponse,
  encodeStatusResponse,
  framedBytes,
  MAX_SYNC_REQUEST_BYTES,
  SyncProtocol,
  type SyncProtocolName,
  storedBlockHash,
} from './sync-wire.ts';

const { SyncErrorCode } = pvchain.v1;

export type SyncHandler = (request: Uint8Array, from: string) => Promise<Uint8Array>;

export type SyncServerOptions = {
  chainId: string;
  hash: HashAlgorithm;
  /** Most blocks in one response. Default 64. */
  maxBlocksPerResponse?: number;
  /**
   * Most bytes of one response; a response always carries at least one block, however large.
   * Default 4 MiB (the p2p layer's default message limit).
   */
  maxResponseBytes?: number;
  /** Requests of one peer served at a time; more are answered RATE_LIMITED. Default 2. */
  maxConcurrentPerPeer?: number;
};

export type SyncServerComponents = {
  transport: { handle(name: string, handler: SyncHandler): unknown };
  ledger: {
    head(): bigint;
    blockAt(height: bigint): Promise<Uint8Array | undefined>;
  };
  /** The light client's protocols (headers, validator sets, proofs, submission), when served. */
  light?: LightHandlers | undefined;
};

export const DEFAULT_MAX_BLOCKS_PER_RESPONSE = 64;
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** The genesis block has no certificate: block sync serves from height 1. */
export const EARLIEST_SERVED_HEIGHT = 1n;

/** A submit-tx request carries one signed transaction: the SyncRequest limit of proto/limits.ts. */
const MAX_SUBMIT_REQUEST_BYTES = MAX_BYTES_BY_TYPE['pvchain.v1.SyncRequest'] ?? 80 * 1024;

/** Protocols whose requests may be longer than MAX_SYNC_REQUEST_BYTES. */
const MAX_REQUEST_BYTES: Partial<Record<SyncProtocolName, number>> = {
  [SyncProtocol.SUBMIT_TX]: MAX_SUBMIT_REQUEST_BYTES,
  [SyncProtocol.STORAGE_PROOF]: MAX_STORAGE_PROOF_REQUEST_BYTES,
};

/** The envelope around the blocks: SyncResponse.blocks' tag and a length of up to 4 bytes. */
const ENVELOPE_BYTES = 5;

export function createSyncServer(opts: SyncServerOptions, components: SyncServerComponents) {
  const { ledger } = components;
  const maxBlocks = opts.maxBlocksPerResponse ?? DEFAULT_MAX_BLOCKS_PER_RESPONSE;
  const maxBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxConcurrent = opts.maxConcurrentPerPeer ?? 2;
  if (!(maxBlocks >= 1) || !(maxBytes >= 1) || !(maxConcurrent >= 1))
    throw new RangeError('sync server limits must be at least 1');
  const inFlight = new Map<string, number>();
  let running = false;
  let genesisHash: Uint8Array | undefined;
  let head: { height: bigint; hash: Uint8Array } | undefined;

  const error = (code: pvchain.v1.SyncErrorCode, message: string) =>
    encodeErrorResponse(code, message);

  async function status(): Promise<Uint8Array> {
    genesisHash ??= await storedBlockHash(ledger, opts.hash, 0n);
    const height = ledger.head();
    if (!genesisHash || height < 0n)
      return error(SyncErrorCode.SYNC_ERROR_CODE_UNAVAILABLE, 'no chain yet');
    if (head?.height !== height) {
      const hash = await storedBlockHash(ledger, opts.hash, height);
      if (!hash) throw new Error(`ledger.db has no block ${height}`);
      head = { height, hash };
    }
    return encodeStatusResponse({
      chainId: opts.chainId,
      genesisHash,
      height: bigintToLong(head.height),
      blockHash: head.hash,
      earliestHeight: bigintToLong(EARLIEST_SERVED_HEIGHT),
    });
  }

  async function blocks(request: pvchain.v1.BlocksRequest): Promise<Uint8Array> {
    const start = longToBigint(request.startHeight);
    const count = request.count;
    if (count < 1)
      return error(SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST, 'count must be at least 1');
    if (start < EARLIEST_SERVED_HEIGHT)
      return error(
        SyncErrorCode.SYNC_ERROR_CODE_PRUNED,
        `blocks are served from ${EARLIEST_SERVED_HEIGHT}`,
      );
    const height = ledger.head();
    if (start > height)
      return error(SyncErrorCode.SYNC_ERROR_CODE_NOT_FOUND, `the latest final height is ${height}`);
    const last = start + BigInt(Math.min(count, maxBlocks)) - 1n;
    const found: Uint8Array[] = [];
    let size = ENVELOPE_BYTES;
    for (let h = start; h <= last && h <= height; h++) {
      const stored = await ledger.blockAt(h);
      if (!stored) throw new Error(`ledger.db has no block ${h}`);
      size += framedBytes(stored.length);
      if (found.length > 0 && size > maxBytes) break;
      found.push(stored);
    }
    return encodeBlocksResponse(found);
  }

  async function answer(name: SyncProtocolName, bytes: Uint8Array): Promise<Uint8Array> {
    let request: pvchain.v1.SyncRequest;
    try {
      request = decodeSyncRequest(bytes, MAX_REQUEST_BYTES[name] ?? MAX_SYNC_REQUEST_BYTES);
    } catch (cause) {
      if (!(cause instanceof ProtoError)) throw cause;
      return error(SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST, cause.message);
    }
    if (name === SyncProtocol.STATUS && request.body === 'status') return status();
    if (name === SyncProtocol.BLOCKS && request.body === 'blocks' && request.blocks)
      return blocks(request.blocks as pvchain.v1.BlocksRequest);
    const light = components.light;
    try {
      if (light && name === SyncProtocol.HEADERS && request.headers)
        return await light.headers(request.headers as pvchain.v1.HeadersRequest);
      if (light && name === SyncProtocol.VALIDATOR_SET && request.validatorSet)
        return await light.validatorSet(request.validatorSet as pvchain.v1.ValidatorSetRequest);
      if (light && name === SyncProtocol.ACCOUNT_PROOF && request.accountProof)
        return await light.accountProof(request.accountProof as pvchain.v1.AccountProofRequest);
      if (light && name === SyncProtocol.STORAGE_PROOF && request.storageProof)
        return await light.storageProof(request.storageProof as pvchain.v1.StorageProofRequest);
      if (light && name === SyncProtocol.SUBMIT_TX && request.submitTransaction)
        return await light.submitTransaction(
          request.submitTransaction as pvchain.v1.SubmitTransactionRequest,
        );
    } catch (cause) {
      if (!(cause instanceof LightRequestError)) throw cause;
      return encodeCanonical(pvchain.v1.SyncResponse, {
        error: { code: cause.code, message: cause.message, result: cause.result ?? 0 },
      });
    }
    return error(SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST, `not a ${name} request`);
  }

  /** Serves one request of protocol `name` from peer `from`; never throws. */
  async function serve(name: SyncProtocolName, bytes: Uint8Array, from: string) {
    if (!running) return error(SyncErrorCode.SYNC_ERROR_CODE_UNAVAILABLE, 'not serving');
    const busy = inFlight.get(from) ?? 0;
    if (busy >= maxConcurrent)
      return error(SyncErrorCode.SYNC_ERROR_CODE_RATE_LIMITED, 'too many requests at once');
    inFlight.set(from, busy + 1);
    try {
      return await answer(name, bytes);
    } catch {
      return error(SyncErrorCode.SYNC_ERROR_CODE_INTERNAL, 'internal error');
    } finally {
      const left = (inFlight.get(from) ?? 1) - 1;
      if (left > 0) inFlight.set(from, left);
      else inFlight.delete(from);
    }
  }

  let registered = false;
  return {
    /** Registers the handlers (once) and starts answering. */
    async start(): Promise<void> {
      running = true;
      if (registered) return;
      registered = true;
      const served = components.light
        ? Object.values(SyncProtocol)
        : [SyncProtocol.STATUS, SyncProtocol.BLOCKS];
      for (const name of served)
        await components.transport.handle(name, (request, from) => serve(name, request, from));
    },
    /** Answers UNAVAILABLE from now on (the transport keeps the handlers until it stops). */
    async stop(): Promise<void> {
      running = false;
    },
    serve,
  };
}

export type SyncServer = ReturnType<typeof createSyncServer>;
