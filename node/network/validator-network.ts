// A validator on the network: libp2p (node/p2p/), PBFT (node/consensus/) bound to the chain
// (pbft-binding.ts), transactions gossiped after admission, and block sync (node/sync/) when the
// node starts behind or PBFT finds it behind. node.ts creates it; this file only connects parts.
import { join } from 'node:path';
import type { SignedMessage } from '../../assembly/bindings/crypto.ts';
import { createValidatorSet } from '../../light-client/verify/index.ts';
import type { Chain, CommittedBlockInfo } from '../chain/chain.ts';
import type { LedgerStore } from '../chain/ledger-store.ts';
import {
  createPbft,
  openLevelSignLog,
  type PbftStatus,
  type PbftValidator,
} from '../consensus/index.ts';
import type { Mempool, PooledTransaction } from '../mempool/mempool.ts';
import { createP2PNode, peerIdFromValidatorKey } from '../p2p/index.ts';
import { createSyncServer, storedBlockHash, syncToHead } from '../sync/index.ts';
import { createPbftEnv, createSerialQueue } from './pbft-binding.ts';
import { isEchoedPrePrepare, prePrepareEcho } from './pre-prepare-echo.ts';
import { transactionVerdict } from './transaction-gossip.ts';

export type NetworkSettings = {
  listen: { tcp: string; ws?: string | undefined };
  peers: string[];
  consensus: { baseTimeoutMs: number; maxTimeoutMs: number; checkpointInterval: number };
  blocks: { maxBlockTransactions: number; maxBlockBytes: number; blockIntervalMs: number };
  /** Tests only: a faulty primary (conflicting pre-prepares). */
  faults?: { equivocatePrePrepare?: boolean } | undefined;
};

export type ValidatorNetworkParts = {
  dataDir: string;
  chainId: string;
  hash: 'sha256' | 'sm3';
  secretKey: Uint8Array;
  self: { address: Uint8Array; sign(payload: Uint8Array): Uint8Array };
  validators: readonly PbftValidator[];
  chain: Chain;
  ledger: LedgerStore;
  mempool: Mempool;
  addressOf: (publicKey: Uint8Array) => Uint8Array;
  verifyBatch(items: SignedMessage[]): boolean[] | Promise<boolean[]>;
  onCommitted(block: CommittedBlockInfo<PooledTransaction>): void;
  onFatal(error: unknown): void;
  log(event: string, fields?: Record<string, unknown>): void;
};

export async function createValidatorNetwork(
  settings: NetworkSettings,
  parts: ValidatorNetworkParts,
) {
  const { chain, mempool } = parts;
  const p2p = await createP2PNode({
    chainId: parts.chainId,
    secretKey: parts.secretKey,
    listen: settings.listen,
    peers: settings.peers,
    validatorKeys: parts.validators.map((v) => v.publicKey),
    limits: { maxMessageBytes: 8 * 1024 * 1024 },
  });
  const signLog = await openLevelSignLog(join(parts.dataDir, 'keyvalue.db'));
  const serial = createSerialQueue();
  const env = createPbftEnv(
    {
      chainId: parts.chainId,
      hash: parts.hash,
      validators: parts.validators,
      self: parts.self.address,
      ...settings.blocks,
      evidenceFile: join(parts.dataDir, 'evidence.jsonl'),
    },
    { ...parts, p2p, signLog, serial },
  );
  const pbft = createPbft(
    {
      chainId: parts.chainId,
      hash: parts.hash,
      validators: parts.validators,
      self: parts.self,
      ...settings.consensus,
      ...(settings.faults ? { faults: settings.faults } : {}),
    },
    env,
  );
  const syncServer = createSyncServer(
    { chainId: parts.chainId, hash: parts.hash },
    { transport: p2p, ledger: parts.ledger },
  );
  const validatorSet = createValidatorSet(parts.hash, parts.validators);
  const selfPeer = p2p.peerId;
  let syncing: Promise<void> | null = null;

  /** Catches up from the other validators; PBFT continues from the new head. */
  function sync(reason: string): Promise<void> {
    if (syncing) return syncing;
    const run = async () => {
      const genesisHash = await storedBlockHash(parts.ledger, parts.hash, 0n);
      if (!genesisHash) throw new Error('ledger.db has no genesis block');
      const peers = parts.validators
        .map((v) => peerIdFromValidatorKey(v.publicKey))
        .filter((id) => id !== selfPeer);
      const from = chain.height();
      const outcome = await syncToHead({
        peers,
        transport: p2p,
        chain: {
          height: () => chain.height(),
          last: () => chain.last(),
          // One at a time with consensus's chain work, a speculative block dropped first.
          commitSyncedBlock: (block) =>
            serial(async () => {
              await chain.abandonPending();
              return chain.commitSyncedBlock(block);
            }),
        },
        verify: { chainId: parts.chainId, hash: parts.hash, genesisHash, validators: validatorSet },
        penalise: (peerId, code) => p2p.penalise(peerId, code),
        timeoutMs: 5_000,
      });
      if (outcome.height > from) {
        parts.log('synced', { reason, from: String(from), to: String(outcome.height) });
        pbft.committedExternally(outcome.height);
      }
    };
    syncing = run()
      .catch((error) => parts.log('sync failed', { reason, error: String(error) }))
      .finally(() => {
        syncing = null;
      });
    return syncing;
  }

  const validatorPeers = new Set(
    parts.validators
      .map((v) => peerIdFromValidatorKey(v.publicKey))
      .filter((id) => id !== selfPeer),
  );
  /** Resolves once `count` other validators are connected, or after `timeoutMs`. */
  function connectedTo(count: number, timeoutMs: number): Promise<void> {
    const enough = () => p2p.peers().filter((p) => validatorPeers.has(p.peerId)).length >= count;
    return new Promise((resolve) => {
      if (enough()) return resolve();
      const timer = setTimeout(resolve, timeoutMs);
      p2p.onPeer(() => {
        if (!enough()) return;
        clearTimeout(timer);
        resolve();
      });
    });
  }

  p2p.onConsensus((bytes, from) => {
    // An echo carries the primary's signature: the relay is not to blame for what it says.
    pbft.receive(bytes, isEchoedPrePrepare(bytes) ? undefined : parts.addressOf(from.publicKey));
    const echo = prePrepareEcho(bytes);
    if (echo) p2p.broadcastConsensus(echo);
  });
  p2p.onTransaction(async (bytes) => {
    const [answer] = await mempool.admit([bytes]);
    if (answer?.ok) pbft.notify();
    return transactionVerdict(answer);
  });
  pbft.onStatus((status: PbftStatus) => {
    if (status.behind) void sync(`behind: others are at ${status.behind.height}`);
  });

  return {
    p2p,
    pbft,
    async start(): Promise<void> {
      await p2p.start();
      syncServer.start();
      // A pre-prepare sent before the others listen is lost and costs a view change: wait (a
      // bounded while) until enough validators for a quorum are connected.
      const n = parts.validators.length;
      await connectedTo(n - Math.floor((n - 1) / 3) - 1, 10_000);
      await pbft.start();
      // Catch up in the background: the others may not be listening yet, and PBFT reports when
      // this node is behind anyway.
      void sync('start');
    },
    /** Transactions admitted here: gossip them, and let a primary propose. */
    async announce(envelopes: Uint8Array[]): Promise<void> {
      pbft.notify();
      await Promise.all(envelopes.map((e) => p2p.publishTransaction(e).catch(() => {})));
    },
    status: () => pbft.status(),
    async stop(): Promise<void> {
      pbft.stop();
      syncServer.stop();
      await syncing;
      await p2p.stop();
      await signLog.close();
    },
  };
}

export type ValidatorNetwork = Awaited<ReturnType<typeof createValidatorNetwork>>;
