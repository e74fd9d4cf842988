// The node's Prometheus metrics (prom-client, a registry of its own): gauges read from the node
// at each scrape (height, view, pool size, peers, database sizes), and what the node observes as
// it runs (committed transactions, commit latency, time between blocks, batch verification
// sizes). Names and meanings: docs/configuration.md, `monitor`.
import { join } from 'node:path';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { directorySizeBytes } from './dir-size.ts';

export type MetricsSources = {
  dataDir: string;
  height(): bigint;
  /** The PBFT view (0 for a solo validator). */
  view(): bigint;
  mempoolSize(): number;
  /** Connected libp2p peers (0 for a solo validator). */
  peers(): number;
  nowMs(): number;
};

export const DATABASES = ['ledger.db', 'account.db', 'keyvalue.db'] as const;
const DB_SAMPLE_MS = 10_000;

export function createNodeMetrics(sources: MetricsSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'pvchain_' });
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  gauge('pvchain_height', 'height of the last committed block', () => Number(sources.height()));
  gauge('pvchain_view', 'current PBFT view (0 when solo)', () => Number(sources.view()));
  gauge('pvchain_mempool_transactions', 'transactions in the pool', sources.mempoolSize);
  gauge('pvchain_peers', 'connected libp2p peers', sources.peers);
  const committedTransactions = new Counter({
    name: 'pvchain_committed_transactions_total',
    help: 'transactions committed in blocks (rate() of it: transactions per second)',
    registers: [registry],
  });
  const committedBlocks = new Counter({
    name: 'pvchain_committed_blocks_total',
    help: 'blocks committed by this node',
    registers: [registry],
  });
  const commitLatency = new Histogram({
    name: 'pvchain_block_commit_latency_seconds',
    help: "from a block's header time (its proposal) to its commit at this node",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
    registers: [registry],
  });
  const roundDuration = new Histogram({
    name: 'pvchain_round_duration_seconds',
    help: 'time between two consecutive commits at this node (one consensus round per height)',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
    registers: [registry],
  });
  const batchSizes = new Histogram({
    name: 'pvchain_verify_batch_size',
    help: 'signatures per batch verification',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096],
    registers: [registry],
  });
  let sampledAtMs = Number.NEGATIVE_INFINITY;
  let sampling: Promise<void> | null = null;
  const dbSizes = new Gauge({
    name: 'pvchain_database_size_bytes',
    help: `bytes of each store's directory (sampled at most every ${DB_SAMPLE_MS / 1000} s)`,
    labelNames: ['db'],
    registers: [registry],
    async collect() {
      if (sources.nowMs() - sampledAtMs < DB_SAMPLE_MS) return;
      sampling ??= (async () => {
        for (const db of DATABASES)
          this.set({ db }, await directorySizeBytes(join(sources.dataDir, db)));
        sampledAtMs = sources.nowMs();
      })().finally(() => {
        sampling = null;
      });
      await sampling;
    },
  });
  let lastCommitMs: number | null = null;
  return {
    registry,
    /** A block committed here with `transactions`, proposed at `headerTimeMs`. */
    committed(transactions: number, headerTimeMs: number): void {
      const now = sources.nowMs();
      committedBlocks.inc();
      committedTransactions.inc(transactions);
      commitLatency.observe(Math.max(0, now - headerTimeMs) / 1000);
      if (lastCommitMs !== null) roundDuration.observe((now - lastCommitMs) / 1000);
      lastCommitMs = now;
    },
    /** One batch verification of `size` signatures. */
    verifiedBatch(size: number): void {
      batchSizes.observe(size);
    },
    dbSizes,
  };
}

export type NodeMetrics = ReturnType<typeof createNodeMetrics>;
