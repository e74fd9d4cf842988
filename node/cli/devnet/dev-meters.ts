// The demo network's meters, run inside validator 0's process when its config has the demo-only
// section `"devMeters": { "speed": 60 }` (written by `pvchain devnet`). Each of the 64 households
// of devnet-plan.ts reads its meter every 15 simulated minutes; the readings are signed with the
// meters' publicly derived keys and relayed by the grid (its devnet key) through `node.submit`,
// which admits them to the pool and gossips them to the other validators. A restart continues
// each meter from its last reading on the chain, with the day after it. Because every key here
// is public, it runs only on the devnet chain.

import type { Genesis } from '../../ledger/genesis.ts';
import { DEFAULT_SITE } from '../../meters/household-day-options.ts';
import {
  meterStartAfter,
  type Refusal,
  runMeterSimulation,
  type SimulatedMeter,
  type SimulationProgress,
} from '../../meters/simulator/index.ts';
import type { PvchainNode } from '../../node.ts';
import { dateAfterReadings } from '../meters-simulate/run-simulate.ts';
import { DEVNET_CHAIN_ID, devnetHouseholds, devnetKeys } from './devnet-plan.ts';

/** The first simulated day of a fresh devnet: midsummer, so the panels have something to do. */
export const DEVNET_FIRST_DAY = '2026-06-21';
/** The community's weather. */
const DEVNET_WEATHER_SEED = 2026;
/** How long shutdown waits for the simulation to finish its tick. */
const STOP_TIMEOUT_MS = 5_000;
/** The run goes on until the node stops: the simulator's longest run, ten years. */
const DAYS = 3660;

export type DevMetersOptions = { speed: number };
type Line = (event: string, fields?: Record<string, unknown>) => void;

/** Throws unless `genesis` is the devnet's: its meters and grid keys are derived from labels. */
export function assertDevMetersAllowed(genesis: Genesis): void {
  const grid = Buffer.from(devnetKeys().grid.publicKey);
  if (genesis.chainId !== DEVNET_CHAIN_ID || !genesis.grids.some((g) => grid.equals(g.publicKey)))
    throw new Error(
      `devMeters is for the demo network only (chain ${DEVNET_CHAIN_ID}, made by pvchain devnet): ` +
        `its meter and grid keys are public. This node runs chain ${genesis.chainId}; ` +
        'remove devMeters from its config',
    );
}

function meters(node: PvchainNode): SimulatedMeter[] {
  const state = node.chain.state();
  return devnetHouseholds().map((h) => {
    const start = meterStartAfter(state.get(h.key.address)?.meters.get(h.meterId)?.lastReading);
    return {
      meterId: h.meterId,
      secretKey: h.meterKey.secretKey,
      household: h.key.address,
      kind: h.pv ? 'pv' : 'ordinary',
      panelKwp: h.panelKwp,
      seed: DEVNET_WEATHER_SEED,
      ...(start && { start }),
    };
  });
}

const clock = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * Checks that `genesis` is the devnet's (throws otherwise, before the node starts) and returns
 * what starts the meters on the started node.
 */
export function devMeters(options: DevMetersOptions, genesis: Genesis) {
  assertDevMetersAllowed(genesis);
  return { start: (node: PvchainNode, line: Line) => startDevMeters(options, node, line) };
}

/** Starts the meters on a started node; `stop()` ends them after the current tick. */
function startDevMeters(options: DevMetersOptions, node: PvchainNode, line: Line) {
  const grid = devnetKeys().grid;
  const controller = new AbortController();
  const simulated = meters(node);
  const date = dateAfterReadings(simulated) ?? DEVNET_FIRST_DAY;
  const relayNonce = (): bigint => node.chain.state().get(grid.address)?.nonce ?? 0n;
  const nextBlock = (signal?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        off();
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, 10_000);
      const off = node.onCommitted(done);
      signal?.addEventListener('abort', done, { once: true });
      if (signal?.aborted) done();
    });
  line('meters', {
    status: 'started',
    meters: simulated.length,
    pv: simulated.filter((m) => m.kind === 'pv').length,
    date,
    speed: options.speed,
  });
  const onProgress = (p: SimulationProgress): void => {
    if (p.endMinute % 60 !== 0) return;
    line('meters', {
      status: 'running',
      simulated: `${p.date} ${clock(p.endMinute)}`,
      readingsSubmitted: p.readingsSubmitted,
      readingsRejected: p.readingsRejected,
      exportedWh: p.exportedWh,
      importedWh: p.importedWh,
    });
  };
  const onRefusal = (r: Refusal): void =>
    line('meters', { status: 'refused', nonce: String(r.nonce), code: r.code, message: r.message });
  const run = runMeterSimulation(
    {
      chainId: node.rules.chainId,
      date,
      days: DAYS,
      speed: options.speed,
      site: DEFAULT_SITE,
      meters: simulated,
      relaySecretKey: grid.secretKey,
      signal: controller.signal,
    },
    { submit: (envelopes) => node.submit(envelopes), relayNonce, nextBlock, onProgress, onRefusal },
  ).then(
    (result) =>
      line('meters', {
        status: 'stopped',
        readingsSubmitted: result.readingsSubmitted,
        readingsRejected: result.readingsRejected,
      }),
    (error: unknown) => line('meters', { status: 'failed', error: String(error) }),
  );
  return {
    async stop(): Promise<void> {
      controller.abort();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        run,
        new Promise((resolve) => {
          timer = setTimeout(resolve, STOP_TIMEOUT_MS);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}
