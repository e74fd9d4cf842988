// The simulation run: tick by tick on the accelerated clock, every meter reads its registers and
// signs the reading, the relay packs the tick's readings into SubmitMeterReadings transactions
// and submits them. The relay's nonces start above its nonce on the chain; the run holds back
// while too many of its transactions wait in the pool, until a block executes some. Refusals
// are counted and reported, never thrown. An abort ends the run after the current tick.
import { createAcceleratedClock } from './accelerated-clock.ts';
import { type PlainReading, readingTicks, tickCount } from './reading-ticks.ts';
import {
  createRelaySubmitter,
  type Refusal,
  type SubmissionStats,
  type SubmitTransactions,
} from './relay-submitter.ts';
import { batchesOf, createRelay } from './relay-transactions.ts';
import { signMeterReading } from './sign-readings.ts';
import { FRESH_METER, type SimulatedMeter } from './simulated-meter.ts';
import {
  checkSimulatedMeters,
  checkSimulationOptions,
  type SimulationOptions,
} from './simulation-options.ts';

export type MeterSimulationOptions = SimulationOptions & {
  meters: readonly SimulatedMeter[];
  /** 32-byte secret key of the relay account that signs the transactions. */
  relaySecretKey: Uint8Array;
  signal?: AbortSignal;
};

export type MeterSimulationComponents = {
  submit: SubmitTransactions;
  /** The relay account's nonce on the chain (that of its last executed transaction). */
  relayNonce(): bigint | Promise<bigint>;
  /** Resolves when the next block is committed (or the signal aborts); without it, no holding back. */
  nextBlock?(signal?: AbortSignal): Promise<void>;
  onProgress?(progress: SimulationProgress): void;
  onRefusal?(refusal: Refusal): void;
  /** A monotonic real clock in ms, for the accelerated clock (default `performance.now`). */
  nowMs?(): number;
};

export type SimulationProgress = SubmissionStats & {
  /** Ticks done, and in all. */
  tick: number;
  ticks: number;
  /** The simulated local date and minute of the day of the tick's readings. */
  date: string;
  endMinute: number;
  timeMs: number;
  /** Transactions waiting to be submitted again. */
  retrying: number;
  /** Energy across all meters since the run began, whole Wh. */
  exportedWh: number;
  importedWh: number;
  generatedWh: number;
};

export type MeterSimulationResult = SubmissionStats & {
  ticks: number;
  aborted: boolean;
  /** The highest nonce the relay used. */
  lastNonce: bigint;
  /** Every relay transaction up to this nonce was admitted: wait for it to be executed. */
  lastContiguousNonce: bigint;
  /** The last reading each meter took, in the order of the meters. */
  lastReadings: PlainReading[];
};

export async function runMeterSimulation(
  opts: MeterSimulationOptions,
  components: MeterSimulationComponents,
): Promise<MeterSimulationResult> {
  const options = checkSimulationOptions(opts);
  const { meters, signal } = opts;
  checkSimulatedMeters(meters, options);
  const relay = createRelay(options.chainId, opts.relaySecretKey);
  const submitter = createRelaySubmitter(
    relay,
    components.submit,
    (await components.relayNonce()) + 1n,
    components.onRefusal,
  );
  const clock = createAcceleratedClock(
    options.speed,
    components.nowMs ? { nowMs: components.nowMs } : {},
  );
  const ticks = tickCount(options);
  const starts = meters.map((m) => m.start ?? FRESH_METER);
  let lastReadings: PlainReading[] = meters.map((m, i) => ({
    meterId: m.meterId,
    ...(starts[i] as typeof FRESH_METER),
  }));
  let done = 0;

  async function holdBack(transactions: number): Promise<void> {
    const { nextBlock } = components;
    if (!nextBlock) return;
    for (;;) {
      if (signal?.aborted) return;
      const chainNonce = await components.relayNonce();
      const pending = Number(submitter.lastNonce() - chainNonce);
      if (pending === 0 || pending + transactions <= options.maxPendingTransactions) return;
      await nextBlock(signal);
    }
  }

  for (const tick of readingTicks(meters, options)) {
    await clock.waitFor(tick.elapsedMs, signal);
    if (signal?.aborted) break;
    const signed = tick.readings.map((reading, i) =>
      signMeterReading(options.chainId, reading, (meters[i] as SimulatedMeter).secretKey),
    );
    const batches = batchesOf(signed, options.maxReadingsPerTransaction);
    if (submitter.needsResync()) submitter.resyncFrom(await components.relayNonce());
    await holdBack(batches.length + submitter.retrying());
    if (signal?.aborted) break;
    await submitter.send(batches);
    lastReadings = tick.readings;
    done++;
    components.onProgress?.({
      ...submitter.stats,
      refusals: { ...submitter.stats.refusals },
      tick: done,
      ticks,
      date: tick.date,
      endMinute: tick.endMinute,
      timeMs: tick.timeMs,
      retrying: submitter.retrying(),
      exportedWh: sum(tick.readings, 'exportedWh') - sum(starts, 'exportedWh'),
      importedWh: sum(tick.readings, 'importedWh') - sum(starts, 'importedWh'),
      generatedWh: sum(tick.readings, 'generatedWh') - sum(starts, 'generatedWh'),
    });
  }
  // Transactions refused for a full pool get their last chances once blocks make room.
  while (submitter.retrying() > 0 && !signal?.aborted) {
    await (components.nextBlock?.(signal) ?? clock.waitFor(0, signal));
    await submitter.send([]);
  }
  return {
    ...submitter.stats,
    ticks: done,
    aborted: signal?.aborted ?? false,
    lastNonce: submitter.lastNonce(),
    lastContiguousNonce: submitter.lastContiguousNonce(),
    lastReadings,
  };
}

function sum<K extends string>(items: readonly Record<K, number>[], key: K): number {
  let total = 0;
  for (const item of items) total += item[key];
  return total;
}
