// "Solo" mode: one validator makes every block, as soon as transactions are pending (one block
// at a time, each carrying what accumulated while the previous one was committed) and at a set
// interval otherwise. Its commit certificate holds its one signature.
import { bigintToLong, type pvchain } from '../../proto/index.ts';
import type { Mempool, PooledTransaction } from '../mempool/mempool.ts';
import { commitVotePayload } from './block-header.ts';
import type { Chain, CommittedBlockInfo } from './chain.ts';

export type SoloProducerOptions = {
  chainId: string;
  blockIntervalMs: number;
  maxBlockTransactions: number;
  maxBlockBytes: number;
};

export type SoloProducerComponents = {
  chain: Chain;
  mempool: Mempool;
  validator: { address: Uint8Array; sign(message: Uint8Array): Uint8Array };
  /** Records each vote before it is signed (keyvalue.db), and says in which view to cast it. */
  signGuard: { reserve(height: bigint, blockHash: Uint8Array): Promise<bigint> };
  nowMs(): number;
  onCommitted(block: CommittedBlockInfo<PooledTransaction>): void;
  /** A block could not be committed: the node must stop and recover from ledger.db. */
  onFatal(error: unknown): void;
};

export function createSoloProducer(opts: SoloProducerOptions, components: SoloProducerComponents) {
  const { chain, mempool, validator } = components;
  let running = false;
  let inFlight: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function certify(
    height: bigint,
    blockHash: Uint8Array,
  ): Promise<pvchain.v1.CommitCertificate.$Properties> {
    const view = await components.signGuard.reserve(height, blockHash);
    const vote = { height, view, blockHash, validator: validator.address };
    const signature = validator.sign(commitVotePayload(opts.chainId, vote));
    return {
      height: bigintToLong(height),
      view: bigintToLong(view),
      blockHash,
      signatures: [{ validator: validator.address, signature }],
    };
  }

  async function produce(): Promise<void> {
    const height = chain.height() + 1n;
    const proposal = mempool.propose({
      height,
      maxCount: opts.maxBlockTransactions,
      maxBytes: opts.maxBlockBytes,
    });
    const timeMs = BigInt(Math.max(components.nowMs(), Number(chain.lastTimeMs()) + 1));
    const block = await chain.commitBlock(proposal, timeMs, validator.address, certify);
    mempool.removeHashes(
      [...block.executed.included, ...block.executed.excluded.map((e) => e.tx)].map(
        (tx) => tx.decoded.hash,
      ),
    );
    components.onCommitted(block);
  }

  function run(): void {
    if (!running) return;
    if (inFlight) {
      again = true;
      return;
    }
    clearTimeout(timer);
    inFlight = produce()
      .catch((error) => {
        running = false;
        components.onFatal(error);
      })
      .finally(() => {
        inFlight = null;
        if (!running) return;
        if (again || mempool.size() > 0) {
          again = false;
          setImmediate(run);
        } else timer = setTimeout(run, opts.blockIntervalMs);
      });
  }

  return {
    start(): void {
      running = true;
      timer = setTimeout(run, mempool.size() > 0 ? 0 : opts.blockIntervalMs);
    },
    /** Transactions arrived: make a block now, or right after the one being made. */
    notify(): void {
      if (running) setImmediate(run);
    },
    async stop(): Promise<void> {
      running = false;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
