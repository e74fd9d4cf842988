// A validator on the network: libp2p (node/p2p/), PBFT (node/consensus/) bound to the chain
// (pbft-binding.ts), transactions gossiped after admission, and block sync (node/sync/) when the
// node starts behind or PBFT finds it behind. node.ts creates it; this file only connects parts.
// The validator set comes from the chain's state: when a change takes effect (SET_VALIDATORS), the
// PBFT engine of the old set stops after its last height and one of the new set starts
// (validator-epochs.ts); a node outside the set follows the chain by block sync.
import { join } from 'node:path';
import type { SignedMessage } from '../../assembly/bindings/crypto.ts';
import {
  createValidatorSet,
  type ValidatorEntry,
  type ValidatorSet,
} from '../../light-client/verify/index.ts';
import type { Chain, CommittedBlockInfo } from '../chain/chain.ts';
import type { LedgerStore } from '../chain/ledger-store.ts';
import { createPbft, openLevelSignLog, type Pbft, type PbftStatus } from '../consensus/index.ts';
import type { Mempool, PooledTransaction } from '../mempool/mempool.ts';
import { createP2PNode, peerIdFromValidatorKey } from '../p2p/index.ts';
import { createSyncServer, storedBlockHash, syncToHead } from '../sync/index.ts';
import { type LightFault, withLightFaults } from '../sync/light-faults.ts';
import type { LightHandlers } from '../sync/light-handlers.ts';
import { createPbftEnv, createSerialQueue } from './pbft-binding.ts';
import { isEchoedPrePrepare, prePrepareEcho } from './pre-prepare-echo.ts';
import { admitGossiped } from './transaction-gossip.ts';
import { createValidatorEpochs } from './validator-epochs.ts';

export type NetworkSettings = {
  listen: { tcp: string; ws?: string | undefined; webrtcDirect?: string | undefined };
  peers: string[];
  consensus: { baseTimeoutMs: number; maxTimeoutMs: number; checkpointInterval: number };
  blocks: { maxBlockTransactions: number; maxBlockBytes: number; blockIntervalMs: number };
  /** Tests only: a faulty primary (conflicting pre-prepares); lying light answers (light-faults.ts). */
  faults?: { equivocatePrePrepare?: boolean; light?: readonly LightFault[] } | undefined;
};

export type ValidatorNetworkParts = {
  dataDir: string;
  chainId: string;
  hash: 'sha256' | 'sm3';
  secretKey: Uint8Array;
  self: { address: Uint8Array; sign(payload: Uint8Array): Uint8Array };
  chain: Chain;
  ledger: LedgerStore;
  mempool: Mempool;
  addressOf: (publicKey: Uint8Array) => Uint8Array;
  verifyBatch(items: SignedMessage[]): boolean[] | Promise<boolean[]>;
  onCommitted(block: CommittedBlockInfo<PooledTransaction>): void;
  onFatal(error: unknown): void;
  log(event: string, fields?: Record<string, unknown>): void;
  /** Transactions a peer gossiped that this node's pool admitted (their hashes). */
  onGossipAdmitted?(hashes: Uint8Array[]): void;
  /** The light client's protocols, served beside block sync's. */
  light?: LightHandlers;
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
    validatorKeys: chain.validators().validators.map((v) => v.publicKey),
    limits: { maxMessageBytes: 8 * 1024 * 1024 },
  });
  const signLog = await openLevelSignLog(join(parts.dataDir, 'keyvalue.db'));
  const serial = createSerialQueue();
  const syncServer = createSyncServer(
    { chainId: parts.chainId, hash: parts.hash },
    {
      transport: p2p,
      ledger: parts.ledger,
      light:
        parts.light && withLightFaults(parts.light, settings.faults?.light ?? [], parts.ledger),
    },
  );
  const selfPeer = p2p.peerId;
  let syncing: Promise<void> | null = null;
  let stopped = false;
  let followTimer: ReturnType<typeof setTimeout> | null = null;

  const checkedSets = new WeakMap<readonly ValidatorEntry[], ValidatorSet>();
  /** The light client's checked form of one of the chain's sets (kept per set). */
  const checked = (validators: readonly ValidatorEntry[]): ValidatorSet => {
    let set = checkedSets.get(validators);
    if (!set) {
      set = createValidatorSet(parts.hash, validators);
      checkedSets.set(validators, set);
    }
    return set;
  };

  const epochs = createValidatorEpochs({
    chain,
    self: parts.self.address,
    createEngine(epoch) {
      const env = createPbftEnv(
        {
          chainId: parts.chainId,
          hash: parts.hash,
          validators: epoch.validators,
          self: parts.self.address,
          ...settings.blocks,
          evidenceFile: join(parts.dataDir, 'evidence.jsonl'),
        },
        {
          ...parts,
          p2p,
          signLog,
          serial,
          storedBlockHash: (height) => storedBlockHash(parts.ledger, parts.hash, height),
          onCommitted(block) {
            parts.onCommitted(block);
            void epochs.update(); // the committed block may end this set's heights
          },
        },
      );
      return createPbft(
        {
          chainId: parts.chainId,
          hash: parts.hash,
          validators: epoch.validators,
          firstHeight: epoch.since,
          self: parts.self,
          ...settings.consensus,
          ...(settings.faults ? { faults: settings.faults } : {}),
        },
        env,
      );
    },
    setConsensusPeers: (keys) => p2p.setValidatorKeys(keys),
    onEngine(engine: Pbft | null) {
      if (engine) {
        engine.onStatus((status: PbftStatus) => {
          if (status.behind) void sync(`behind: others are at ${status.behind.height}`);
        });
        stopFollowing();
      } else follow();
    },
    log: parts.log,
  });

  /** Catches up from the validators; PBFT (or following) continues from the new head. */
  function sync(reason: string): Promise<void> {
    if (syncing) return syncing;
    const run = async () => {
      const genesisHash = await storedBlockHash(parts.ledger, parts.hash, 0n);
      if (!genesisHash) throw new Error('ledger.db has no genesis block');
      const peers = chain
        .validators()
        .validators.map((v) => peerIdFromValidatorKey(v.publicKey))
        .filter((id) => id !== selfPeer);
      const from = chain.height();
      const validatorsAfterHead = () => checked(chain.validators().validators);
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
              const committed = await chain.commitSyncedBlock(block);
              mempool.removeHashes(committed.executed.included.map((tx) => tx.decoded.hash));
              parts.onCommitted(committed as CommittedBlockInfo<PooledTransaction>);
              return committed;
            }),
        },
        verify: {
          chainId: parts.chainId,
          hash: parts.hash,
          genesisHash,
          validators: validatorsAfterHead(),
          validatorsAfterHead,
        },
        penalise: (peerId, code) => p2p.penalise(peerId, code),
        timeoutMs: 5_000,
      });
      if (outcome.height > from) {
        parts.log('synced', { reason, from: String(from), to: String(outcome.height) });
        epochs.engine()?.committedExternally(outcome.height);
        await epochs.update();
      }
    };
    syncing = run()
      .catch((error) => parts.log('sync failed', { reason, error: String(error) }))
      .finally(() => {
        syncing = null;
      });
    return syncing;
  }

  /** A node outside the validator set follows the chain: block sync every block interval. */
  function follow(): void {
    if (stopped || followTimer || epochs.engine()) return;
    followTimer = setTimeout(
      () => {
        followTimer = null;
        void sync('following').finally(follow);
      },
      Math.max(100, settings.blocks.blockIntervalMs),
    );
  }
  function stopFollowing(): void {
    if (followTimer) clearTimeout(followTimer);
    followTimer = null;
  }

  /** Resolves once `count` other validators are connected, or after `timeoutMs`. */
  function connectedTo(count: number, timeoutMs: number): Promise<void> {
    const validatorPeers = new Set(
      chain
        .validators()
        .validators.map((v) => peerIdFromValidatorKey(v.publicKey))
        .filter((id) => id !== selfPeer),
    );
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
    epochs.receive(bytes, isEchoedPrePrepare(bytes) ? undefined : parts.addressOf(from.publicKey));
    const echo = prePrepareEcho(bytes);
    if (echo) p2p.broadcastConsensus(echo);
  });
  p2p.onTransactions(
    admitGossiped(mempool, (hashes) => {
      epochs.engine()?.notify();
      parts.onGossipAdmitted?.(hashes);
    }),
  );

  return {
    p2p,
    /** The running PBFT engine; null while this node is not a validator of the current set. */
    pbft: (): Pbft | null => epochs.engine(),
    async start(): Promise<void> {
      await p2p.start();
      syncServer.start();
      // A pre-prepare sent before the others listen is lost and costs a view change: wait (a
      // bounded while) until enough validators for a quorum are connected.
      const n = chain.validators().validators.length;
      await connectedTo(n - Math.floor((n - 1) / 3) - 1, 10_000);
      await epochs.update();
      // Catch up in the background: the others may not be listening yet, and PBFT reports when
      // this node is behind anyway.
      void sync('start');
    },
    /** Transactions admitted here: gossip them, and let a primary propose. */
    async announce(envelopes: Uint8Array[]): Promise<void> {
      epochs.engine()?.notify();
      await p2p.publishTransactions(envelopes).catch(() => {});
    },
    /** PBFT's status; null while this node is not a validator of the current set. */
    status: (): PbftStatus | null => epochs.engine()?.status() ?? null,
    async stop(): Promise<void> {
      stopped = true;
      stopFollowing();
      await epochs.stop();
      syncServer.stop();
      await syncing;
      await p2p.stop();
      await signLog.close();
    },
  };
}

export type ValidatorNetwork = Awaited<ReturnType<typeof createValidatorNetwork>>;
