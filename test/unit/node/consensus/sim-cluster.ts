// A cluster of PBFT engines on a simulated network and a fake clock: seeded keys, in-memory sign
// logs that survive a crash, fake chains, a fake block sync that copies committed blocks from a
// running peer when an engine reports that it is behind, and checks that nothing forked.
import {
  addressBytesFromPublicKey,
  getPublicKey,
  sign,
  verifyBatch,
} from '../../../../assembly/bindings/crypto.ts';
import { createPbft, type Pbft } from '../../../../node/consensus/pbft.ts';
import { createMemorySignLog, type SignLog } from '../../../../node/consensus/sign-log.ts';
import type { EquivocationEvidence, PbftValidator } from '../../../../node/consensus/types.ts';
import { createValidatorSet } from '../../../../node/consensus/validator-set.ts';
import { isEchoedPrePrepare, prePrepareEcho } from '../../../../node/network/pre-prepare-echo.ts';
import { createRandom, type Random } from '../../../shared/random.ts';
import { createSimChain, type SimChain } from './sim-chain.ts';
import { createSimClock } from './sim-clock.ts';
import { createSimNetwork } from './sim-network.ts';

export const CHAIN_ID = 'pvchain-sim-1';
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export type ClusterOptions = {
  seed: number;
  n?: number;
  checkpointInterval?: number;
  baseTimeoutMs?: number;
  maxTimeoutMs?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
  dropRate?: number;
  /** Validator indexes (by address order) that equivocate as primary. */
  equivocating?: number[];
};

export type SimNode = {
  index: number;
  address: Uint8Array;
  secretKey: Uint8Array;
  signLog: SignLog;
  chain: SimChain;
  engine: Pbft | null;
  evidence: EquivocationEvidence[];
  penalties: { validator: Uint8Array; reason: string }[];
  /** Every message this node sent, in order. */
  sent: Uint8Array[];
  fatal: unknown[];
};

export type Cluster = Awaited<ReturnType<typeof createCluster>>;

export async function createCluster(opts: ClusterOptions) {
  const random: Random = createRandom(opts.seed);
  const n = opts.n ?? 4;
  const keys = Array.from({ length: n }, () => {
    const secretKey = random.bytes(32);
    const publicKey = getPublicKey(secretKey);
    return { secretKey, publicKey, address: addressBytesFromPublicKey(publicKey) };
  }).sort((a, b) => Buffer.compare(a.address, b.address));
  const validators: PbftValidator[] = keys.map((k) => ({
    address: k.address,
    publicKey: k.publicKey,
    votingPower: 1n,
  }));
  const set = createValidatorSet(validators);
  const clock = createSimClock();
  const network = createSimNetwork({
    clock,
    random,
    minDelayMs: opts.minDelayMs ?? 5,
    maxDelayMs: opts.maxDelayMs ?? 40,
    dropRate: opts.dropRate ?? 0,
  });
  const syncing = new Set<number>();
  /** The last height the current engines decide (env.lastHeight), when a new epoch is coming. */
  let lastHeight: bigint | null = null;
  const batches = { calls: 0, items: 0 };

  const nodes: SimNode[] = keys.map((k, index) => {
    network.register(k.address);
    return {
      index,
      address: k.address,
      secretKey: k.secretKey,
      signLog: createMemorySignLog(),
      chain: createSimChain({ chainId: CHAIN_ID, set, self: k.address, now: clock.now }),
      engine: null,
      evidence: [],
      penalties: [],
      sent: [],
      fatal: [],
    };
  });

  function sync(node: SimNode): void {
    if (syncing.has(node.index)) return;
    syncing.add(node.index);
    clock.setTimer(50, () => {
      syncing.delete(node.index);
      if (!node.engine) return;
      const source = nodes
        .filter((other) => other.engine && other !== node)
        .sort((a, b) => Number(b.chain.height() - a.chain.height()))[0];
      if (!source || source.chain.height() <= node.chain.height()) return;
      const height = node.chain.appendSynced(source.chain.blocks);
      node.engine.committedExternally(height);
    });
  }

  async function start(node: SimNode, firstHeight = 1n): Promise<void> {
    const engine = createPbft(
      {
        chainId: CHAIN_ID,
        hash: 'sha256',
        validators,
        firstHeight,
        self: { address: node.address, sign: (payload) => sign(payload, node.secretKey) },
        checkpointInterval: opts.checkpointInterval ?? 16,
        baseTimeoutMs: opts.baseTimeoutMs ?? 1000,
        maxTimeoutMs: opts.maxTimeoutMs ?? 8000,
        faults: { equivocatePrePrepare: opts.equivocating?.includes(node.index) ?? false },
      },
      {
        now: clock.now,
        setTimer: clock.setTimer,
        clearTimer: clock.clearTimer,
        broadcast(message) {
          node.sent.push(message);
          network.broadcast(node.address, message);
        },
        sendTo(validator, message) {
          node.sent.push(message);
          network.send(node.address, validator, message);
        },
        verifyBatch(items) {
          batches.calls++;
          batches.items += items.length;
          return verifyBatch(items);
        },
        signLog: node.signLog,
        lastCommitted: () => node.chain.lastCommitted(),
        propose: (height, view) => node.chain.propose(height, view),
        validate: (height, view, block) => node.chain.validate(height, view, block),
        abandon: (height, blockHash) => node.chain.abandon(height, blockHash),
        commit: (height, blockHash, cert) => node.chain.commit(height, blockHash, cert),
        onEvidence: (evidence) => node.evidence.push(evidence),
        lastHeight: () => (lastHeight !== null && firstHeight <= lastHeight ? lastHeight : null),
        penalise: (validator, reason) => node.penalties.push({ validator, reason }),
        onFatal: (error) => node.fatal.push(error),
      },
    );
    node.engine = engine;
    engine.onStatus((status) => {
      if (status.behind) sync(node);
    });
    network.attach(node.address, (bytes, from) => {
      // As the validator network does (node/network/pre-prepare-echo.ts): a backup echoes the
      // primary's pre-prepare without its block, so an equivocating primary is caught.
      engine.receive(bytes, isEchoedPrePrepare(bytes) ? undefined : from);
      const echo = prePrepareEcho(bytes);
      if (echo) network.broadcast(node.address, echo);
    });
    await engine.start();
  }

  /** Lets every promise chain the last timers started run to its end. */
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  return {
    nodes,
    clock,
    network,
    set,
    validators,
    batches,
    /** Starts one validator's engine (the others stay down until started). */
    async startNode(index: number): Promise<void> {
      await start(nodes[index] as SimNode);
      await settle();
    },
    async startAll(): Promise<void> {
      for (const node of nodes) await start(node);
      await settle();
    },
    /** Crash: the engine stops, the network forgets it, its speculative state is lost. */
    crash(index: number): void {
      const node = nodes[index] as SimNode;
      node.engine?.stop();
      node.engine = null;
      network.detach(node.address);
      node.chain.dropPending();
    },
    /**
     * Every running validator switches to a new engine that decides from the next height on, as
     * after a validator-set change (here to the same set): views count from 0 again.
     */
    async newEpoch(): Promise<bigint> {
      const firstHeight = (nodes.find((node) => node.engine)?.chain.height() ?? 0n) + 1n;
      lastHeight = null;
      for (const node of nodes.filter((n) => n.engine)) {
        node.engine?.stop();
        network.detach(node.address);
        await start(node, firstHeight);
      }
      await settle();
      return firstHeight;
    },
    /** The engines running now decide up to `height` and then idle (env.lastHeight). */
    endEpochAt(height: bigint): void {
      lastHeight = height;
    },
    /** A fresh engine on the same sign log and chain. */
    async restart(index: number): Promise<void> {
      await start(nodes[index] as SimNode);
      await settle();
    },
    /** Steps the clock until `done()` or `maxMs` of simulated time passed; whether done. */
    async runUntil(done: () => boolean, maxMs: number): Promise<boolean> {
      const end = clock.now() + maxMs;
      await settle();
      while (!done()) {
        if (clock.now() >= end || !clock.step()) return done();
        await settle();
      }
      return true;
    },
    /** Steps the clock through `ms` of simulated time. */
    async runFor(ms: number): Promise<void> {
      const end = clock.now() + ms;
      clock.setTimer(ms, () => {});
      await settle();
      while (clock.now() < end && clock.step()) await settle();
    },
    running: (): SimNode[] => nodes.filter((node) => node.engine),
    /** The lowest chain height among `among` (default: the running nodes). */
    minHeight(among = nodes.filter((node) => node.engine)): bigint {
      let min = 2n ** 64n;
      for (const node of among) if (node.chain.height() < min) min = node.chain.height();
      return min;
    },
    maxHeight(among: SimNode[] = nodes): bigint {
      let max = 0n;
      for (const node of among) if (node.chain.height() > max) max = node.chain.height();
      return max;
    },
    /** Every height committed anywhere has one block hash; throws otherwise. */
    assertNoFork(): void {
      const byHeight = new Map<bigint, string>();
      for (const node of nodes)
        for (const block of node.chain.blocks) {
          const known = byHeight.get(block.height);
          if (known && known !== hex(block.hash))
            throw new Error(`fork at height ${block.height} (node ${node.index})`);
          byHeight.set(block.height, hex(block.hash));
        }
    },
    stop(): void {
      for (const node of nodes) node.engine?.stop();
    },
  };
}
