// The composition root: the one place that wires a node together (DESIGN.md): stores, chain,
// mempool, and either the solo block producer (one validator) or the validator network (PBFT over
// libp2p with block sync, node/network/), the HTTP JSON API with its WebSocket (node/api/), and
// the Prometheus metrics on the monitor's own listen address (node/metrics/).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  addressBytesFromPublicKey,
  createVerifyPool,
  getPublicKey,
  sign,
  verifyBatch,
} from '../assembly/bindings/crypto.node.ts';
import { energyContractWasm } from '../light-client/contracts/energy/energy-wasm.ts';
import { type ApiSettings, createApiServer } from './api/index.ts';
import { validatorSetHash } from './chain/block-header.ts';
import type { CommittedBlockInfo } from './chain/chain.ts';
import { openChain } from './chain/chain.ts';
import { openLedgerStore } from './chain/ledger-store.ts';
import { openSignGuard } from './chain/sign-guard.ts';
import { createSoloProducer } from './chain/solo-producer.ts';
import { createStateStore } from './chain/state-store.ts';
import { chainRulesOf, type Genesis } from './ledger/genesis.ts';
import { genesisState } from './ledger/genesis-state.ts';
import { lightHandlersFor } from './light-serving.ts';
import type { PooledTransaction } from './mempool/mempool.ts';
import { createMempool, type MempoolOptions } from './mempool/mempool.ts';
import { createMonitorServer, type MonitorSettings } from './metrics/monitor-server.ts';
import { createNodeMetrics } from './metrics/node-metrics.ts';
import { createValidatorNetwork, type NetworkSettings } from './network/validator-network.ts';
import { openLevelKV } from './store/level-kv.ts';
import { storedBlockHash } from './sync/sync-wire.ts';

export type NodeConfig = {
  dataDir: string;
  genesis: Genesis;
  validatorSecretKey: Uint8Array;
  solo: { blockIntervalMs: number; maxBlockTransactions: number; maxBlockBytes: number };
  mempool: Omit<MempoolOptions, 'chainId' | 'hash'>;
  /** Signature verification threads (0: verify on the main thread). */
  verifyWorkers: number;
  /** A validator among others (PBFT over libp2p); absent: a solo validator. */
  network?: NetworkSettings;
  /** The HTTP JSON API and WebSocket (node/api/, docs/api.md); absent: none. */
  api?: ApiSettings;
  /** Prometheus metrics at http://host:port/metrics (node/metrics/); absent: none. */
  monitor?: MonitorSettings;
  /** Structured events of the node (pvchain node writes them as event lines and to its log). */
  log?: (event: string, fields?: Record<string, unknown>) => void;
};

export const DEFAULT_NODE_SETTINGS = {
  solo: {
    blockIntervalMs: 1000,
    maxBlockTransactions: 10_000,
    maxBlockBytes: 4 * 1024 * 1024 - 64 * 1024,
  },
  mempool: {
    maxTransactions: 100_000,
    maxPerAccount: 256,
    maxNonceGap: 256,
    maxAgeMs: 10 * 60_000,
  },
  verifyWorkers: 2,
} as const;

const hex = (bytes: Uint8Array | undefined): string => Buffer.from(bytes ?? []).toString('hex');

export type CommittedListener = (block: CommittedBlockInfo<PooledTransaction>) => void;

export async function createNode(config: NodeConfig) {
  const rules = chainRulesOf(config.genesis);
  const addressOf = addressBytesFromPublicKey;
  await mkdir(config.dataDir, { recursive: true });
  const genesisValidators = rules.validators?.genesisValidators ?? [];
  const ledger = await openLedgerStore(join(config.dataDir, 'ledger.db'), rules.chainId);
  const accountDb = await openLevelKV(join(config.dataDir, 'account.db'));
  const stateStore = createStateStore({ hash: rules.hash, db: accountDb });
  const chain = await openChain(
    {
      rules,
      genesisTimeMs: BigInt(config.genesis.timeMs),
      genesisState: () =>
        genesisState(config.genesis, rules, {
          energyWasm: rules.energyContract && energyContractWasm(),
        }),
      validators: genesisValidators,
    },
    { ledger, stateStore, addressOf },
  );
  const pool =
    config.verifyWorkers > 0 ? createVerifyPool({ workers: config.verifyWorkers }) : null;
  // Set once the network exists; the metrics read it at each scrape.
  let networkOf: Awaited<ReturnType<typeof createValidatorNetwork>> | null = null;
  const metrics = config.monitor
    ? createNodeMetrics({
        dataDir: config.dataDir,
        height: () => chain.height(),
        view: () => networkOf?.status()?.view ?? 0n,
        mempoolSize: () => mempool.size(),
        peers: () => networkOf?.p2p.peers().length ?? 0,
        nowMs: () => Date.now(),
      })
    : null;
  const monitor =
    metrics && config.monitor && createMonitorServer(config.monitor, metrics.registry);
  const verify = (items: Parameters<typeof verifyBatch>[0]) => {
    metrics?.verifiedBatch(items.length);
    return pool && items.length > 1 ? pool.verifyBatch(items) : verifyBatch(items);
  };
  const mempool = createMempool(
    { chainId: rules.chainId, hash: rules.hash, ...config.mempool },
    {
      accounts: { get: (address) => chain.state().get(address) },
      verifyBatch: verify,
      addressOf,
      nowMs: () => Date.now(),
    },
  );
  const listeners = new Set<CommittedListener>();
  /** Listeners of transactions the pool admitted from gossip. */
  const admittedListeners = new Set<(hashes: Uint8Array[]) => void>();
  let fatal: unknown = null;
  const validatorAddress = addressOf(getPublicKey(config.validatorSecretKey));
  const signer = {
    address: validatorAddress,
    sign: (message: Uint8Array) => sign(message, config.validatorSecretKey),
  };
  const onCommitted = (block: CommittedBlockInfo<PooledTransaction>): void => {
    mempool.expire();
    metrics?.committed(block.executed.included.length, Number(chain.last()?.timeMs ?? 0n));
    for (const listener of listeners) listener(block);
  };
  const onFatal = (error: unknown): void => {
    fatal = error;
  };
  const network = config.network
    ? await createValidatorNetwork(config.network, {
        dataDir: config.dataDir,
        chainId: rules.chainId,
        hash: rules.hash,
        secretKey: config.validatorSecretKey,
        self: signer,
        chain,
        ledger,
        mempool,
        onGossipAdmitted: (hashes) => {
          for (const listener of admittedListeners) listener(hashes);
        },
        light: lightHandlersFor(
          { hash: rules.hash },
          { ledger, accountDb, stateHead: () => stateStore.head(), submit: (e) => submit(e) },
        ),
        addressOf,
        verifyBatch: verify,
        onCommitted,
        onFatal,
        log: config.log ?? (() => {}),
      })
    : null;
  networkOf = network;
  const signGuard = network ? null : await openSignGuard(join(config.dataDir, 'keyvalue.db'));
  const producer = signGuard
    ? createSoloProducer(
        { chainId: rules.chainId, ...config.solo },
        {
          chain,
          mempool,
          validator: signer,
          signGuard,
          nowMs: () => Date.now(),
          onCommitted,
          onFatal,
        },
      )
    : null;

  const submit = async (envelopes: Uint8Array[]) => {
    if (fatal) throw fatal;
    const answers = await mempool.admit(envelopes);
    const admitted = envelopes.filter((_, i) => answers[i]?.ok);
    if (admitted.length > 0) {
      producer?.notify();
      await network?.announce(admitted);
    }
    return answers;
  };
  const onCommittedListener = (listener: CommittedListener): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const api = config.api
    ? createApiServer(config.api, {
        chainId: rules.chainId,
        hash: rules.hash,
        ledger,
        accountDb,
        stateHead: () => stateStore.head(),
        chain: {
          height: () => chain.height(),
          last: () => chain.last(),
          account: (address) => chain.state().get(address),
        },
        validators: () => {
          const epoch = chain.validators();
          const hash = validatorSetHash(rules.hash, epoch.validators);
          return { validators: epoch.validators, since: epoch.since, hash };
        },
        self: validatorAddress,
        mempool,
        submit,
        onCommitted: onCommittedListener,
        chainJson: async () => ({
          chainId: rules.chainId,
          hash: rules.hash,
          genesisHash: hex(await storedBlockHash(ledger, rules.hash, 0n)),
          genesisTimeMs: String(config.genesis.timeMs),
          validators: genesisValidators.map((v) => ({
            address: hex(v.address),
            publicKey: hex(v.publicKey),
            votingPower: String(v.votingPower),
          })),
          ...(rules.energyContract && { energyContract: hex(rules.energyContract.address) }),
        }),
        onPoolAdmitted: (listener) => {
          admittedListeners.add(listener);
          return () => admittedListeners.delete(listener);
        },
        network: network && {
          status: () => network.status(),
          peers: () => network.p2p.peers().length,
          addresses: () => network.p2p.multiaddrs(),
        },
        fatalError: () => fatal,
        log: config.log,
      })
    : null;

  async function stop(): Promise<void> {
    await monitor?.stop();
    await api?.stop();
    await producer?.stop();
    await network?.stop();
    await pool?.stop();
    await stateStore.close();
    await accountDb.close();
    await signGuard?.close();
    await ledger.close();
  }

  return {
    rules,
    chain,
    mempool,
    /** The HTTP API (its url() once started), when the config asks for one. */
    api,
    /** The validator network (PBFT, libp2p, sync), when the node is not solo. */
    network,
    /** The metrics' HTTP server (its url() once started), when the config has a monitor. */
    monitor,
    /** Starts every part; if one fails to start, everything is stopped and closed again. */
    async start(): Promise<void> {
      try {
        await pool?.start();
        producer?.start();
        await network?.start();
        await api?.start();
        await monitor?.start();
      } catch (error) {
        await stop().catch(() => {});
        throw error;
      }
    },
    /** Admits signed transactions to the pool (and gossips them); one answer per input. */
    submit,
    onCommitted: onCommittedListener,
    /** The height and root of the state in account.db. */
    stateHead: () => stateStore.head(),
    ledger,
    /** The error that stopped block production, if any. */
    fatalError: (): unknown => fatal,
    stop,
  };
}

export type PvchainNode = Awaited<ReturnType<typeof createNode>>;
