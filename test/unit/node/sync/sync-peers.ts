// Peers for block-sync tests: an honest server over a chain's ledger.db on the in-memory network,
// or one whose answers pass through a lie first; and a fresh node that syncs from them.
import assert from 'node:assert/strict';
import type { SyncProgress } from '../../../../node/sync/index.ts';
import {
  createSyncServer,
  decodeSyncResponse,
  type SyncServerOptions,
  storedBlockHash,
  syncToHead,
} from '../../../../node/sync/index.ts';
import { bigintToLong, encodeCanonical, longToBigint, pvchain } from '../../../../proto/index.ts';
import {
  type createMemoryNetwork,
  openTestChain,
  rules,
  type TestChain,
  validatorSet,
} from './sync-harness.ts';

export type Network = ReturnType<typeof createMemoryNetwork>;
export type Lie = (name: string, response: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** Serves `source`'s ledger.db as `peerId`; `lie` rewrites each answer before it leaves. */
export async function servePeer(
  network: Network,
  peerId: string,
  source: TestChain,
  lie?: Lie,
  options: Partial<SyncServerOptions> = {},
): Promise<void> {
  const endpoint = network.endpoint(peerId);
  const server = createSyncServer(
    { chainId: rules.chainId, hash: rules.hash, ...options },
    {
      ledger: source.ledger,
      transport: {
        handle: (name, handler) =>
          endpoint.handle(name, async (request, from) => {
            const answer = await handler(request, from);
            return lie ? lie(name, answer) : answer;
          }),
      },
    },
  );
  await server.start();
}

/** A lie about the block at `height` in every blocks answer. */
export function lieAboutBlock(
  height: bigint,
  change: (committed: pvchain.v1.CommittedBlock) => pvchain.v1.CommittedBlock.$Properties,
): Lie {
  return (name, answer) => {
    if (name !== 'blocks') return answer;
    const response = decodeSyncResponse(answer);
    const blocks = (response.blocks?.blocks ?? []) as pvchain.v1.CommittedBlock[];
    const changed = blocks.map((b) =>
      longToBigint(b.block?.header?.height ?? bigintToLong(0n)) === height ? change(b) : b,
    );
    return encodeCanonical(pvchain.v1.SyncResponse, { blocks: { blocks: changed } });
  };
}

/** A lie in every status answer. */
export function lieInStatus(change: (status: pvchain.v1.StatusResponse) => void): Lie {
  return (name, answer) => {
    if (name !== 'status') return answer;
    const status = decodeSyncResponse(answer).status as pvchain.v1.StatusResponse;
    change(status);
    return encodeCanonical(pvchain.v1.SyncResponse, { status });
  };
}

export type SyncRun = {
  node: TestChain;
  outcome: Awaited<ReturnType<typeof syncToHead>>;
  penalties: { peerId: string; reason: string; message: string }[];
  progress: SyncProgress[];
};

/** A fresh node (its own temp LevelDB dirs) syncing from `peers`. */
export async function syncFresh(
  network: Network,
  peers: string[],
  options: {
    batchSize?: number;
    timeoutMs?: number;
    signal?: AbortSignal;
    /** Gets the fresh node before it syncs (to close it even when sync throws). */
    opened?: TestChain[];
    onProgress?: (p: SyncProgress) => void;
  } = {},
): Promise<SyncRun> {
  const node = await openTestChain();
  options.opened?.push(node);
  const genesisHash = (await storedBlockHash(node.ledger, rules.hash, 0n)) as Uint8Array;
  const penalties: SyncRun['penalties'] = [];
  const progress: SyncProgress[] = [];
  const outcome = await syncToHead({
    peers,
    transport: network.endpoint('fresh'),
    chain: node.chain,
    verify: { chainId: rules.chainId, hash: rules.hash, genesisHash, validators: validatorSet },
    penalise: (peerId, reason, message) => penalties.push({ peerId, reason, message }),
    onProgress: (p) => {
      progress.push(p);
      options.onProgress?.(p);
    },
    batchSize: options.batchSize ?? 16,
    timeoutMs: options.timeoutMs ?? 5_000,
    retryDelayMs: 0,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { node, outcome, penalties, progress };
}

/** The synced node has the source's head, state and every stored block. */
export async function assertSameChain(node: TestChain, from: TestChain): Promise<void> {
  assert.equal(node.chain.height(), from.chain.height());
  assert.deepEqual(node.chain.last()?.hash, from.chain.last()?.hash, 'head hash');
  assert.deepEqual((await node.stateStore.head())?.root, (await from.stateStore.head())?.root);
  for (let h = 0n; h <= from.chain.height(); h++)
    assert.deepEqual(await node.ledger.blockAt(h), await from.ledger.blockAt(h), `block ${h}`);
}
