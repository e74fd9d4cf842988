// createLightClient: the household's own verifier. It starts from a trust root (or the head its
// store kept), follows a full node's headers to its head (header-sync.ts), optionally has a
// second node confirm that head (witness.ts), and answers balances only from proofs against a
// header it verified (account.ts), contract storage likewise (storage.ts). Nodes that serve
// anything false are dropped and reported, never silently switched away from (peers.ts); a
// verified conflict between two nodes stops the client until resume().
import {
  AddressError,
  assertValidAddressBytes,
  type HashAlgorithm,
  parseAddress,
} from '../../assembly/bindings/crypto.ts';
import { bigintToLong } from '../../proto/index.ts';
import { HOST_LIMITS } from '../contracts/host-types.ts';
import { equalBytes } from '../verify/fields.ts';
import { verifyAccountAnswer } from './account.ts';
import { isDishonest } from './errors.ts';
import { type ChainContext, type SyncedHead, statusOf, verifyHeaders } from './header-sync.ts';
import { createPeerPool, type DroppedPeer } from './peers.ts';
import { verifyStorageAnswer } from './storage.ts';
import { readSignedTransaction, submitTo } from './submit.ts';
import { type Anchor, anchorOfHead, anchorOfRoot, headOfAnchor } from './trust.ts';
import {
  LightClientErrorCode as Code,
  LightClientError,
  type LightStore,
  type LightTransport,
  type TrustedHead,
  type TrustRoot,
  type VerifiedAccount,
  type VerifiedStorage,
} from './types.ts';
import { createAsk, isPruned, NodeRefusal } from './wire.ts';
import { crossCheck } from './witness.ts';

export type LightClientOptions = {
  chainId: string;
  hash: HashAlgorithm;
  trust: TrustRoot;
  transport: LightTransport;
  /** Where the verified head is kept between runs (none: memory of this object only). */
  store?: LightStore;
  /** Each request's time limit. Default 5000 ms. */
  timeoutMs?: number;
  /** How many more times the list of nodes is gone through when none answered. Default 1. */
  retries?: number;
  /** Have a second node confirm every new head (LIGHT_CONFLICTING_HEADERS if it differs). */
  witness?: boolean;
  /** Most headers asked for at once. Default 128. */
  batchSize?: number;
  /** What happened, for a UI or a log: drops, new heads, a halt, a store that failed. */
  onEvent?: (event: LightClientEvent) => void;
};

export type LightClientEvent =
  | { type: 'dropped'; dropped: DroppedPeer }
  | {
      type: 'head';
      head: TrustedHead;
      servedBy: string;
      witnessedBy: string | null;
      fetched: number;
    }
  | { type: 'halted'; error: LightClientError }
  | { type: 'store-failed'; error: unknown };

export type SubmittedTransaction = { transactionHash: Uint8Array; servedBy: string };

export type LightClient = ReturnType<typeof createLightClient>;

/** Attempts at a proof whose height a node has not persisted yet (a moment behind). */
const PRUNED_ATTEMPTS = 4;

function addressBytes(address: Uint8Array | string): Uint8Array {
  try {
    if (typeof address === 'string') return parseAddress(address);
    assertValidAddressBytes(address);
    return address;
  } catch (error) {
    if (error instanceof AddressError) throw new RangeError(error.message);
    throw error;
  }
}

function assertStorageKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array)) throw new TypeError('a storage key is a Uint8Array');
  if (key.length < 1 || key.length > HOST_LIMITS.maxKeyBytes)
    throw new RangeError(`a storage key is 1-${HOST_LIMITS.maxKeyBytes} bytes, not ${key.length}`);
}

/** Runs `read` again, with a short backoff, while the node answers that its state lags. */
async function untilPersisted<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      // The node's state store may lag its ledger by a moment at the newest height.
      if (!isPruned(error) || attempt >= PRUNED_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
    }
  }
}

export function createLightClient(opts: LightClientOptions) {
  const { chainId, hash: alg, transport, store } = opts;
  const emit = (event: LightClientEvent) => opts.onEvent?.(event);
  const closing = new AbortController();
  const ask = createAsk(transport, { timeoutMs: opts.timeoutMs ?? 5000, signal: closing.signal });
  const root = anchorOfRoot(alg, chainId, opts.trust);
  const chain: ChainContext = {
    chainId,
    hash: alg,
    genesisHash: root.genesisHash,
    ask,
    batchSize: opts.batchSize ?? 128,
  };
  const pool = createPeerPool(transport, {
    retries: opts.retries ?? 1,
    onDrop: (dropped) => emit({ type: 'dropped', dropped }),
  });
  let anchor: Anchor | null = null;
  let servedBy: string | undefined;
  let witnessed: { height: bigint; peer: string } | null = null;
  let halted: LightClientError | null = null;
  let closed = false;
  let starting: Promise<TrustedHead> | null = null;
  let syncing: Promise<TrustedHead> | null = null;
  let headersFetched = 0;

  function usable(): Anchor {
    if (closed) throw new LightClientError(Code.UNREACHABLE, 'the light client is closed');
    if (halted) throw halted;
    if (!anchor) throw new Error('call start() first');
    return anchor;
  }

  async function load(): Promise<TrustedHead> {
    let stored = null;
    try {
      stored = (await store?.load(chainId)) ?? null;
    } catch (error) {
      emit({ type: 'store-failed', error });
    }
    const usableStored =
      stored?.chainId === chainId &&
      equalBytes(stored.genesisHash, root.genesisHash) &&
      stored.head.height >= root.anchor.height;
    anchor = root.anchor;
    if (usableStored && stored)
      try {
        anchor = anchorOfHead(alg, stored.head);
      } catch (error) {
        // A damaged record: start again from the trust root rather than from nothing.
        if (!(error instanceof LightClientError)) throw error;
        emit({ type: 'store-failed', error });
      }
    return headOfAnchor(anchor);
  }

  async function adopt(synced: SyncedHead, peer: string, witnessedBy: string | null) {
    anchor = synced.anchor;
    servedBy = peer;
    witnessed = witnessedBy ? { height: anchor.height, peer: witnessedBy } : null;
    headersFetched += synced.fetched;
    const head = headOfAnchor(anchor);
    try {
      await store?.save({ chainId, genesisHash: root.genesisHash, head });
    } catch (error) {
      emit({ type: 'store-failed', error });
    }
    emit({ type: 'head', head, servedBy: peer, witnessedBy, fetched: synced.fetched });
  }

  /**
   * The witness for a sync from `primary` (which claims `claimed`): the first other node at least
   * as high, else the highest past `from`; the head goes no further than it reaches.
   */
  async function witnessReach(primary: string, from: bigint, claimed: bigint) {
    let best: { peer: string; height: bigint } | null = null;
    for (const peer of pool.live()) {
      if (peer === primary) continue;
      try {
        const height = await statusOf(chain, peer);
        if (height >= claimed) return { peer, height };
        if (height > (best?.height ?? from)) best = { peer, height };
      } catch (error) {
        if (isDishonest(error)) pool.drop(peer, error);
        else if (!(error instanceof LightClientError || error instanceof NodeRefusal)) throw error;
      }
    }
    return best;
  }

  async function syncFrom(peer: string): Promise<void> {
    const from = usable();
    const claimed = await statusOf(chain, peer);
    const reach = opts.witness ? await witnessReach(peer, from.height, claimed) : null;
    const target = reach && reach.height < claimed ? reach.height : claimed;
    if (target <= from.height) return;
    const synced = await verifyHeaders(chain, peer, from, target, claimed);
    if (!synced) return;
    const candidates = reach ? [reach.peer, ...pool.live()] : pool.live();
    const witnessedBy = opts.witness
      ? await crossCheck(chain, pool, peer, synced, [...new Set(candidates)])
      : null;
    if (anchor === from) await adopt(synced, peer, witnessedBy);
  }

  async function syncOnce(): Promise<TrustedHead> {
    try {
      await pool.run('sync', syncFrom, servedBy);
    } catch (error) {
      if (error instanceof LightClientError && error.code === Code.CONFLICTING_HEADERS) {
        halted = error;
        emit({ type: 'halted', error });
      }
      throw error;
    }
    return headOfAnchor(usable());
  }

  async function syncHead(): Promise<TrustedHead> {
    usable();
    syncing ??= syncOnce().finally(() => {
      syncing = null;
    });
    return syncing;
  }

  async function proveAt(peer: string, address: Uint8Array, at: Anchor) {
    return untilPersisted(async () => {
      const answer = await ask(peer, 'account-proof', {
        accountProof: { address, height: bigintToLong(at.height) },
      });
      return verifyAccountAnswer(alg, at, address, answer.accountProof ?? {}, peer);
    });
  }

  async function proveStorageAt(peer: string, contract: Uint8Array, key: Uint8Array, at: Anchor) {
    return untilPersisted(async () => {
      const answer = await ask(peer, 'storage-proof', {
        storageProof: { contract, key, height: bigintToLong(at.height) },
      });
      return verifyStorageAnswer(alg, at, contract, key, answer.storageProof ?? {}, peer);
    });
  }

  /** The trusted head to prove against (synced first unless `sync` is false); it has a state root. */
  async function provingAnchor(sync: boolean): Promise<Anchor> {
    if (sync) await syncHead();
    const at = usable();
    if (at.stateRoot.length === 0)
      throw new LightClientError(Code.UNREACHABLE, 'no header past the trust root yet', {
        height: String(at.height),
      });
    return at;
  }

  const witnessOf = (at: Anchor) => (witnessed?.height === at.height ? witnessed.peer : null);

  return {
    /** Loads the stored head (if it is of this chain and not behind the trust root). */
    start(): Promise<TrustedHead> {
      if (closed) return Promise.reject(new LightClientError(Code.UNREACHABLE, 'closed'));
      starting ??= load();
      return starting;
    },

    /** Follows a node to its head (witnessed when asked for) and keeps it; returns the head. */
    syncHead,

    /**
     * The account at the trusted head, verified by its proof (absence too). Syncs first unless
     * `sync` is false; at least one header past the trust root is needed for a state root.
     */
    async account(
      address: Uint8Array | string,
      options: { sync?: boolean } = {},
    ): Promise<VerifiedAccount> {
      const bytes = addressBytes(address);
      const at = await provingAnchor(options.sync ?? true);
      const { value, peer } = await pool.run('account', (p) => proveAt(p, bytes, at), servedBy);
      return { ...value, servedBy: peer, witnessedBy: witnessOf(at) };
    },

    /**
     * One entry of a contract's storage at the trusted head (`key` as the contract defines it,
     * 1-64 bytes), verified by the contract's account proof and its storage proof; a value of
     * null is a proven absence. LIGHT_NOT_A_CONTRACT when the address holds no contract.
     */
    async storage(
      contract: Uint8Array | string,
      key: Uint8Array,
      options: { sync?: boolean } = {},
    ): Promise<VerifiedStorage> {
      const bytes = addressBytes(contract);
      assertStorageKey(key);
      const at = await provingAnchor(options.sync ?? true);
      const { value, peer } = await pool.run(
        'storage',
        (p) => proveStorageAt(p, bytes, key, at),
        servedBy,
      );
      return { ...value, servedBy: peer, witnessedBy: witnessOf(at) };
    },

    /** Hands a signed transaction (canonical SignedTransaction bytes) to a node's pool. */
    async submit(signedTransaction: Uint8Array): Promise<SubmittedTransaction> {
      const tx = readSignedTransaction(alg, signedTransaction);
      usable();
      const { peer } = await pool.run('submit', (p) => submitTo(ask, p, tx), servedBy);
      return { transactionHash: tx.transactionHash, servedBy: peer };
    },

    head: (): TrustedHead | null => (anchor ? headOfAnchor(anchor) : null),
    /** Nodes dropped for what they served, and why. */
    dropped: (): DroppedPeer[] => pool.dropped(),
    /** The conflict that stopped the client, if any. */
    halted: (): LightClientError | null => halted,
    /** Clears a halt (after the user saw the evidence); the head stays the last one verified. */
    resume(): void {
      halted = null;
    },
    stats: () => ({ headersFetched, servedBy: servedBy ?? null }),
    /** Aborts what is in flight and closes the transport. */
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      closing.abort(new LightClientError(Code.UNREACHABLE, 'the light client is closed'));
      await transport.close();
    },
  };
}
