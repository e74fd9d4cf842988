// Block sync, the fetching side: ask every peer for its status, take blocks in batches from the
// peer with the highest plausible head, verify each block with light-client/verify (its header
// links to ours, its certificate is a quorum of the validator set for its height, its
// transactions and last commit are the ones its header binds), and hand it to the chain, which
// executes it and compares the roots. A peer that sends bad data is penalised and dropped; one
// that is slow or busy is retried, then dropped; sync goes on with the others until no peer left
// claims a higher block.
import type { HashAlgorithm } from '../../assembly/bindings/crypto.ts';
import {
  assertValidCommittedBlock,
  type TrustedBlock,
  type ValidatorSet,
  VerifyError,
} from '../../light-client/verify/index.ts';
import type { pvchain } from '../../proto/index.ts';
import { PENALISED_SYNC_CODES, SyncError } from './sync-error.ts';
import { type PeerStatus, readBlocks, readStatus } from './sync-responses.ts';
import { encodeBlocksRequest, encodeStatusRequest, SyncProtocol } from './sync-wire.ts';

export type SyncRequester = {
  request(
    peerId: string,
    name: string,
    request: Uint8Array,
    options: { timeoutMs?: number; signal?: AbortSignal },
  ): Promise<Uint8Array>;
};

/** What of the chain block sync uses (chain.ts). */
export type SyncChain = {
  height(): bigint;
  last(): { hash: Uint8Array; timeMs: bigint } | null;
  commitSyncedBlock(committed: pvchain.v1.CommittedBlock): Promise<unknown>;
};

export type SyncVerifyOptions = {
  chainId: string;
  hash: HashAlgorithm;
  /** Hash of this chain's genesis block header: peers with another are on another chain. */
  genesisHash: Uint8Array;
  /** The validator set that signs the block after the chain's head. */
  validators: ValidatorSet;
  /** Sets the chain may change to (found by next_validators_hash). */
  validatorSets?: readonly ValidatorSet[];
  /**
   * The set that signs the block after the chain's head, as the chain's state says (a full node
   * knows a validator-set change from executing it): read again after every block.
   */
  validatorsAfterHead?: () => ValidatorSet;
};

export type SyncProgress = { height: bigint; target: bigint; peerId: string };

export type SyncToHeadOptions = {
  peers: readonly string[];
  transport: SyncRequester;
  chain: SyncChain;
  verify: SyncVerifyOptions;
  /** `reason` is a stable code: a VerifyError code, CHAIN_INVALID_BLOCK or a SyncError code. */
  penalise(peerId: string, reason: string, message: string): void;
  onProgress?(progress: SyncProgress): void;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  /** Blocks asked for per request. Default 64. */
  batchSize?: number;
  /** Failures in a row (timeouts, busy answers) before a peer is dropped. Default 3. */
  maxFailures?: number;
  /** Pause before a peer that just failed is asked again. Default 500 ms. */
  retryDelayMs?: number;
  signal?: AbortSignal;
};

export type DroppedPeer = { peerId: string; code: string; message: string; penalised: boolean };

export type SyncOutcome = {
  height: bigint;
  /** The highest head a peer still standing claims, or our height when it is higher. */
  target: bigint;
  /** Some peer answered the last status round and none claims a block above `height`. */
  caughtUp: boolean;
  dropped: DroppedPeer[];
};

type Peer = { id: string; order: number; status: PeerStatus | null; failures: number };

const same = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

export async function syncToHead(opts: SyncToHeadOptions): Promise<SyncOutcome> {
  const { chain, verify } = opts;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const batchSize = opts.batchSize ?? 64;
  const maxFailures = opts.maxFailures ?? 3;
  const retryDelayMs = opts.retryDelayMs ?? 500;
  const peers: Peer[] = [...new Set(opts.peers)].map((id, order) => ({
    id,
    order,
    status: null,
    failures: 0,
  }));
  const dropped: DroppedPeer[] = [];
  const verifyOptions = () => ({
    chainId: verify.chainId,
    hash: verify.hash,
    validatorSets: [
      ...(verify.validatorSets ?? []),
      ...(verify.validatorsAfterHead ? [verify.validatorsAfterHead()] : []),
    ],
  });
  let trusted = fromChain(verify.validators);

  /** The chain's head as the trusted block, signed next by `next`. */
  function fromChain(fallback: ValidatorSet): TrustedBlock {
    const next = verify.validatorsAfterHead?.() ?? fallback;
    const last = chain.last();
    if (!last) throw new RangeError('the chain has no genesis block');
    const { hash, timeMs } = last;
    return {
      height: chain.height(),
      hash,
      timeMs,
      nextValidatorsHash: next.hash,
      nextValidators: next,
    };
  }

  function aborted(): void {
    if (opts.signal?.aborted) throw new SyncError('SYNC_ABORTED', 'block sync was stopped');
  }

  function drop(peer: Peer, code: string, message: string, penalised: boolean): void {
    const at = peers.indexOf(peer);
    if (at < 0) return;
    peers.splice(at, 1);
    dropped.push({ peerId: peer.id, code, message, penalised });
    if (penalised) opts.penalise(peer.id, code, message);
  }

  /** Blames, retries or rethrows: errors that are not the peer's are ours and end the sync. */
  function failed(peer: Peer, error: unknown): void {
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof VerifyError || code === 'CHAIN_INVALID_BLOCK') {
      drop(peer, String(code), message, true);
    } else if (!(error instanceof SyncError) || error.code === 'SYNC_ABORTED') {
      throw error;
    } else if (PENALISED_SYNC_CODES.has(error.code)) {
      drop(peer, error.code, message, true);
    } else if (++peer.failures >= maxFailures) {
      drop(peer, error.code, message, false);
    }
  }

  function ask(peer: Peer, name: string, request: Uint8Array): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new SyncError('SYNC_UNREACHABLE', `no ${name} answer in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const signal = opts.signal;
      Promise.resolve()
        .then(() =>
          opts.transport.request(peer.id, name, request, {
            timeoutMs,
            ...(signal ? { signal } : {}),
          }),
        )
        .then(resolve, (cause: unknown) =>
          reject(new SyncError('SYNC_UNREACHABLE', `${name}: ${String(cause)}`, { cause })),
        )
        .finally(() => clearTimeout(timer));
    });
  }

  async function refreshStatuses(): Promise<boolean> {
    const answered = await Promise.all(
      [...peers].map(async (peer) => {
        try {
          peer.status = readStatus(
            await ask(peer, SyncProtocol.STATUS, encodeStatusRequest()),
            verify,
          );
          peer.failures = 0;
          return true;
        } catch (error) {
          failed(peer, error);
          return false;
        }
      }),
    );
    return answered.some(Boolean);
  }

  const target = (): bigint =>
    peers.reduce(
      (max, p) => (p.status && p.status.height > max ? p.status.height : max),
      chain.height(),
    );

  /** The peer to ask next: the fewest failures, then the highest head, then the caller's order. */
  function pick(): Peer | undefined {
    const next = chain.height() + 1n;
    return peers
      .filter((p) => p.status && p.status.height >= next && p.status.earliestHeight <= next)
      .sort(
        (a, b) =>
          a.failures - b.failures ||
          Number((b.status?.height ?? 0n) - (a.status?.height ?? 0n)) ||
          a.order - b.order,
      )[0];
  }

  /** The peers whose claimed head is the block just committed must have claimed its hash. */
  function checkClaims(): void {
    for (const peer of [...peers]) {
      if (peer.status?.height !== trusted.height || same(peer.status.blockHash, trusted.hash))
        continue;
      drop(peer, 'SYNC_HEAD_MISMATCH', `claimed another block at ${trusted.height}`, true);
    }
  }

  async function fetchBatch(peer: Peer, status: PeerStatus): Promise<void> {
    const start = chain.height() + 1n;
    const left = status.height - start + 1n;
    const count = left < BigInt(batchSize) ? Number(left) : batchSize;
    const blocks = readBlocks(
      await ask(peer, SyncProtocol.BLOCKS, encodeBlocksRequest(start, count)),
      count,
    );
    for (const committed of blocks) {
      aborted();
      // Another writer (consensus) moved the chain on: start again from its head.
      if (trusted.height !== chain.height())
        trusted = fromChain(trusted.nextValidators ?? verify.validators);
      const next = assertValidCommittedBlock(trusted, committed, verifyOptions());
      await chain.commitSyncedBlock(committed);
      trusted = next.trusted;
      peer.failures = 0;
      checkClaims();
    }
    opts.onProgress?.({ height: chain.height(), target: target(), peerId: peer.id });
  }

  let answered = await refreshStatuses();
  let refreshed = true;
  for (;;) {
    aborted();
    const peer = pick();
    if (!peer) {
      if (refreshed) break;
      answered = await refreshStatuses();
      refreshed = true;
      continue;
    }
    if (peer.failures > 0 && retryDelayMs > 0) await pause(retryDelayMs, opts.signal);
    const before = chain.height();
    try {
      await fetchBatch(peer, peer.status as PeerStatus);
    } catch (error) {
      failed(peer, error);
    }
    if (chain.height() > before) refreshed = false;
  }
  const height = chain.height();
  return {
    height,
    target: target(),
    caughtUp: answered && peers.length > 0 && target() <= height,
    dropped,
  };
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
