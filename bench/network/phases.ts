// The load phases of the network benchmark: saturation (offered as fast as the client can, with a
// bounded backlog of transactions submitted but not yet committed, committed rate per window) and
// finality latency at a fixed offered rate (each transaction from the moment it was handed to the
// gossip client to the first `committed` line of the block holding it).
import type { TestNetwork } from '../../test/support/network.ts';
import { median } from '../measure.ts';
import { type ChainWatch, validatorsCpuMs } from './chain-watch.ts';
import { drive, type Publisher } from './load-driver.ts';
import type { SignedPayment } from './payments.ts';

export type LoadContext = {
  net: TestNetwork;
  watch: ChainWatch;
  clients: Publisher[];
  /** The next `count` unsent payments, in nonce order (at most as many as are left). */
  peek(count: number): SignedPayment[];
  /** Marks the first `count` of the last peek as sent: the next peek starts after them. */
  consume(count: number): void;
  remaining(): number;
};

/** Waits until `condition` holds or `timeoutMs` passes; says whether it held. */
export async function settle(
  ctx: LoadContext,
  condition: () => boolean,
  timeoutMs: number,
): Promise<boolean> {
  const check = () => {
    ctx.watch.update();
    return condition();
  };
  return ctx.net.waitFor('settle', check, timeoutMs).then(
    () => true,
    () => false,
  );
}

export type Saturation = {
  windowTps: number[];
  windowMs: number;
  medianTps: number;
  /** Committed over the whole time after the warm-up. */
  steadyTps: number;
  offered: number;
  offeredPerSecond: number;
  /** Share of the phase the client waited on the backlog bound (the network was the limit). */
  gatedShare: number;
  /** The benchmark process's CPU (client, line parsing) as a share of one core. */
  clientCpuShare: number;
  /** Validator CPU milliseconds (all four) per transaction committed in the phase. */
  validatorCpuMsPerTx: number;
  /** Cores kept busy on average by the validators and the client together. */
  coresBusy: number;
  viewChanges: number;
  meanBlockTransactions: number;
  ranOut: boolean;
  drained: boolean;
  /** Publishes that failed (lost: later nonces of their senders cannot commit). */
  failed: number;
};

export async function measureSaturation(
  ctx: LoadContext,
  options: {
    durationMs: number;
    warmupMs: number;
    /** The time after the warm-up is cut into this many windows. */
    windows: number;
    backlog: number;
    maxTransactions: number;
  },
): Promise<Saturation> {
  const { watch } = ctx;
  watch.update();
  const base = watch.totalTransactions();
  const viewBefore = watch.blocks().at(-1)?.view ?? 0;
  const payments = ctx.peek(options.maxTransactions);
  const cpuBefore = validatorsCpuMs(ctx.net);
  const selfBefore = process.cpuUsage();
  const startMs = Date.now();
  const result = await drive(
    ctx.clients,
    payments.map((p) => p.envelope),
    {
      durationMs: options.durationMs,
      ready: (sent) => {
        watch.update();
        return sent - (watch.totalTransactions() - base) < options.backlog;
      },
    },
  );
  ctx.consume(result.sent);
  const endMs = startMs + result.elapsedMs;
  const self = process.cpuUsage(selfBefore);
  const cpuAfter = validatorsCpuMs(ctx.net);
  watch.update();
  const steadyFrom = startMs + options.warmupMs;
  const windowMs = (endMs - steadyFrom) / options.windows;
  const windowTps: number[] = [];
  for (let w = 0; w < options.windows && windowMs > 0; w++) {
    const from = steadyFrom + w * windowMs;
    windowTps.push((1000 * watch.transactionsBetween(from, from + windowMs)) / windowMs);
  }
  const steadyTps = (1000 * watch.transactionsBetween(steadyFrom, endMs)) / (endMs - steadyFrom);
  const inPhase = watch.blocks().filter((b) => b.timeMs >= startMs && b.timeMs < endMs);
  const committed = inPhase.reduce((n, b) => n + b.transactions, 0);
  const validatorMs = cpuAfter.reduce((n, ms, i) => n + ms - (cpuBefore[i] as number), 0);
  const clientMs = (self.user + self.system) / 1000;
  const drained = await settle(ctx, () => watch.totalTransactions() - base >= result.sent, 30_000);
  return {
    windowTps,
    windowMs,
    steadyTps,
    medianTps: windowTps.length > 0 ? median(windowTps) : Number.NaN,
    offered: result.sent,
    offeredPerSecond: (1000 * result.sent) / result.elapsedMs,
    gatedShare: result.gatedMs / result.elapsedMs,
    clientCpuShare: clientMs / result.elapsedMs,
    validatorCpuMsPerTx: validatorMs / Math.max(1, committed),
    coresBusy: (validatorMs + clientMs) / result.elapsedMs,
    viewChanges: (inPhase.at(-1)?.view ?? viewBefore) - viewBefore,
    meanBlockTransactions: committed / Math.max(1, inPhase.length),
    ranOut: result.sent === payments.length && result.elapsedMs < options.durationMs - 100,
    drained,
    failed: result.failed,
  };
}

export type Latency = {
  ratePerSecond: number;
  offered: number;
  /** Milliseconds; Infinity when the transaction was not committed before the phase ended. */
  p50Ms: number;
  p99Ms: number;
  uncommitted: number;
  committedPerSecond: number;
  viewChanges: number;
  failed: number;
};

/** The q-quantile (nearest rank) of sorted values. */
const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;

export async function measureLatency(
  ctx: LoadContext,
  options: { ratePerSecond: number; durationMs: number; warmupMs: number; settleMs: number },
): Promise<Latency> {
  const { watch } = ctx;
  watch.update();
  const viewBefore = watch.blocks().at(-1)?.view ?? 0;
  const payments = ctx.peek(Math.ceil((options.ratePerSecond * options.durationMs) / 1000));
  const startMs = Date.now();
  const result = await drive(
    ctx.clients,
    payments.map((p) => p.envelope),
    { ratePerSecond: options.ratePerSecond, durationMs: options.durationMs },
  );
  ctx.consume(result.sent);
  const sent = payments.slice(0, result.sent);
  const endMs = startMs + result.elapsedMs;
  const allIn = () => sent.every((p) => watch.committedAtMs(p.hashHex) !== undefined);
  await settle(ctx, allIn, options.settleMs);
  const latencies: number[] = [];
  for (const [i, p] of sent.entries()) {
    const at = result.submittedAtMs[i] as number;
    if (at - startMs < options.warmupMs) continue;
    const committedAt = watch.committedAtMs(p.hashHex);
    latencies.push(committedAt === undefined ? Number.POSITIVE_INFINITY : committedAt - at);
  }
  latencies.sort((a, b) => a - b);
  return {
    ratePerSecond: options.ratePerSecond,
    offered: result.sent,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    uncommitted: latencies.filter((ms) => ms === Number.POSITIVE_INFINITY).length,
    committedPerSecond:
      (1000 * watch.transactionsBetween(startMs + options.warmupMs, endMs)) /
      Math.max(1, endMs - startMs - options.warmupMs),
    viewChanges: (watch.blocks().at(-1)?.view ?? viewBefore) - viewBefore,
    failed: result.failed,
  };
}
