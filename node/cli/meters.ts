// `pvchain meter` (alias `meters`, its first name): the smart meters. `register` registers a
// meter of a household (signed by its grid); `simulate` runs a dev chain and a community's
// meters on it.
import { type Command, Option } from 'commander';
import { DEFAULT_INTERVAL_MINUTES, DEFAULT_SPEED } from '../meters/simulator/index.ts';
import type { CliIo } from './cli-io.ts';
import { registerMeterRegister } from './meter-register.ts';
import {
  DEFAULT_CREDIT_KWH,
  DEFAULT_DATA_DIR,
  DEFAULT_HOUSEHOLDS,
  DEFAULT_SEED,
  DEFAULT_TRIGGER_KWH,
} from './meters-simulate/dev-chain.ts';
import { runMetersSimulate, type SimulateCommandOptions } from './meters-simulate/run-simulate.ts';
import {
  calendarDate,
  dayDivisorMinutes,
  integerIn,
  numberIn,
  positiveNumber,
} from './option-parsers.ts';
import type { ExitSlot } from './program.ts';

const SIMULATE_HELP = `
What it does:
  Starts a solo validator in this process on --data-dir with a DEV chain (chain id
  pvchain-dev): a grid holding 10,000,000 kWh, the energy contract, and --households
  households (every second one with rooftop PV) whose accounts and meters the grid creates and
  registers. Every key is derived from fixed labels and --seed: anyone can recompute them, so
  never use this chain for anything real.
  Then each meter reads its registers every --interval-minutes of simulated time (PV from a
  clear-sky curve x panel size x the seeded weather, a load with morning and evening peaks),
  signs its readings, and the grid relays them in SubmitMeterReadings transactions. The
  energy contract debits imports from each household's kWh credit (supply stops at zero) and
  credits --trigger-kwh of kWh each time a meter's export passes it (a triggered trade).
  Run it again on the same --data-dir to continue with the following days.

Examples:
  $ pvchain meter simulate                      # 8 households, one day in 24 s
  $ pvchain meter simulate --fast --days 3 --seed 7
  $ pvchain meter simulate --households 100 --speed 7200 --json > run.jsonl
`;

export function registerMetersCommands(program: Command, io: CliIo, exit: ExitSlot): void {
  const meters = program
    .command('meter')
    .alias('meters')
    .description('smart energy meters: register one, or simulate a community and its meters');
  registerMeterRegister(meters, io, exit);

  meters
    .command('simulate')
    .description(
      'simulate households and their signed meter readings on an in-process dev chain (seeded, deterministic)',
    )
    .option(
      '--households <n>',
      'households to simulate; every second one has PV panels',
      integerIn(1, 10_000),
      DEFAULT_HOUSEHOLDS,
    )
    .option(
      '--seed <n>',
      'the scenario: weather, loads, panels, keys',
      integerIn(0, 0xffff_ffff),
      DEFAULT_SEED,
    )
    .option(
      '--date <YYYY-MM-DD>',
      "first simulated day (default: 2025-06-21, or the day after the meters' last readings)",
      calendarDate,
    )
    .option('--days <n>', 'days to simulate, one after the other', integerIn(1, 366), 1)
    .option(
      '--speed <x>',
      'simulated seconds per real second (3600: a day in 24 s)',
      positiveNumber,
      DEFAULT_SPEED,
    )
    .addOption(
      new Option('--fast', 'as fast as the node allows, ignoring --speed').conflicts('speed'),
    )
    .option(
      '--interval-minutes <n>',
      'simulated minutes between readings (must divide 1440)',
      dayDivisorMinutes,
      DEFAULT_INTERVAL_MINUTES,
    )
    .option(
      '--trigger-kwh <n>',
      'export that triggers a trade, for meters this run registers (the contract default is 100)',
      numberIn(0.001, 1_000_000),
      DEFAULT_TRIGGER_KWH,
    )
    .option(
      '--credit-kwh <n>',
      'kWh credit the grid gives each household it creates',
      numberIn(0, 1_000_000),
      DEFAULT_CREDIT_KWH,
    )
    .option('--data-dir <dir>', 'where the dev chain keeps its stores', DEFAULT_DATA_DIR)
    .option('--json', 'print one JSON object per line instead of text')
    .addHelpText('after', SIMULATE_HELP)
    .action(async (options: SimulateCommandOptions) => {
      exit.code = await runMetersSimulate(options, io);
    });
}
