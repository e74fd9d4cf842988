// `pvchain meters simulate`: opens (or creates) the dev chain on --data-dir, sets up the
// community, runs the meter simulator against the in-process node, waits for its transactions
// to be executed, prints the summary and stops the node. Ctrl-C ends the simulation after the
// current tick and then does the same (a second Ctrl-C quits at once).
import { resolve } from 'node:path';
import { DEFAULT_SITE } from '../../meters/household-day-options.ts';
import {
  addDays,
  localDateOf,
  localTimeMs,
  type MeterSimulationResult,
  runMeterSimulation,
  type SimulatedMeter,
} from '../../meters/simulator/index.ts';
import { createNode, type PvchainNode } from '../../node.ts';
import { type CliIo, CliUsageError, ExitCode } from '../cli-io.ts';
import { createBlockWatch } from './block-watch.ts';
import { planCommunity, setUpCommunity, simulatedMeters } from './community.ts';
import { DEFAULT_DATE, DEV_CHAIN_ID, devKeys, devNodeConfig } from './dev-chain.ts';
import { createReport } from './report.ts';
import { summarise } from './summarise.ts';

export type SimulateCommandOptions = {
  households: number;
  seed: number;
  date?: string;
  days: number;
  speed: number;
  fast?: boolean;
  intervalMinutes: number;
  triggerKwh: number;
  creditKwh: number;
  dataDir: string;
  json?: boolean;
};

/** How long the node may take to execute what was submitted, at the end and after Ctrl-C. */
const SETTLE_TIMEOUT_MS = 60_000;
const INTERRUPTED_SETTLE_TIMEOUT_MS = 5_000;

/** The first date after every meter's last reading, or undefined for fresh meters. */
export function dateAfterReadings(meters: readonly SimulatedMeter[]): string | undefined {
  const lastMs = Math.max(0, ...meters.map((m) => m.start?.timeMs ?? 0));
  if (lastMs === 0) return undefined;
  const date = localDateOf(DEFAULT_SITE, lastMs);
  return localTimeMs(DEFAULT_SITE, date, 0) < lastMs ? addDays(date, 1) : date;
}

export async function runMetersSimulate(
  options: SimulateCommandOptions,
  io: CliIo,
): Promise<ExitCode> {
  const report = createReport(io.out, options.json === true);
  const dataDir = resolve(options.dataDir);
  const keys = devKeys();
  let node: PvchainNode;
  try {
    node = await createNode(devNodeConfig(dataDir));
  } catch (error) {
    const cause = (error as Error).cause as Error | undefined;
    const detail = `${(error as Error).message}${cause?.message ? ` (${cause.message})` : ''}`;
    throw new Error(
      `cannot open the dev chain in ${dataDir}: ${detail}; is another node using it?`,
    );
  }
  const watch = createBlockWatch(node, keys.grid.address);
  const stopNode = new AbortController();
  const signal = AbortSignal.any([io.interrupt, stopNode.signal]);
  try {
    await node.start();
    const plan = planCommunity(options.seed, options.households);
    const setUp = await setUpCommunity(node, watch, keys.grid, plan, {
      creditWh: BigInt(Math.round(options.creditKwh * 1000)),
      triggerWh: BigInt(Math.round(options.triggerKwh * 1000)),
      timeoutMs: SETTLE_TIMEOUT_MS,
    });
    const meters = simulatedMeters(node, plan, options.seed);
    const resumeDate = dateAfterReadings(meters);
    const date = options.date ?? resumeDate ?? DEFAULT_DATE;
    if (options.date && resumeDate && options.date < resumeDate)
      throw new CliUsageError(
        '--date <YYYY-MM-DD>',
        `the meters in ${dataDir} already have readings until ${resumeDate} 00:00; simulate ${resumeDate} or later`,
      );
    const speed = options.fast ? Number.POSITIVE_INFINITY : options.speed;
    report.start({
      chainId: DEV_CHAIN_ID,
      dataDir,
      date,
      days: options.days,
      intervalMinutes: options.intervalMinutes,
      speed,
      seed: options.seed,
      households: plan.length,
      pvHouseholds: plan.filter((h) => h.kind === 'pv').length,
      created: setUp.created,
      registered: setUp.registered,
    });
    const gridNonce = (): bigint => node.chain.state().get(keys.grid.address)?.nonce ?? 0n;
    const result: MeterSimulationResult = await runMeterSimulation(
      {
        chainId: DEV_CHAIN_ID,
        date,
        days: options.days,
        intervalMinutes: options.intervalMinutes,
        speed,
        site: DEFAULT_SITE,
        meters,
        relaySecretKey: keys.grid.secretKey,
        signal,
      },
      {
        submit: (envelopes) => node.submit(envelopes),
        relayNonce: gridNonce,
        nextBlock: (s) => watch.nextBlock(s),
        onRefusal: (r) => report.refusal(r),
        onProgress: (p) => {
          if (node.fatalError()) stopNode.abort();
          if (p.endMinute % 60 === 0 || p.tick === p.ticks)
            report.progress(p, Number(node.chain.height()));
        },
      },
    );
    const settled = await watch.waitUntil(
      () => gridNonce() >= result.lastContiguousNonce,
      result.aborted ? INTERRUPTED_SETTLE_TIMEOUT_MS : SETTLE_TIMEOUT_MS,
    );
    const fatal = node.fatalError();
    if (!settled && !fatal)
      report.message(
        `warning: transactions up to nonce ${result.lastContiguousNonce} not all executed in time`,
      );
    report.summary(summarise(node, watch, plan, keys.grid.address, result, dataDir));
    if (fatal) {
      io.err(`error: the node stopped producing blocks: ${(fatal as Error).message ?? fatal}\n`);
      return ExitCode.FAILURE;
    }
    return io.interrupt.aborted ? ExitCode.INTERRUPTED : ExitCode.OK;
  } finally {
    watch.stop();
    await node.stop();
  }
}
