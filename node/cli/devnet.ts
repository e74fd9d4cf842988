// `pvchain devnet` (`npm start`): the demo network - four validator processes on 127.0.0.1, the
// paper's community in the genesis, its meters simulated in validator 0 - until Ctrl-C.
import { type Command, Option } from 'commander';
import type { CliIo } from './cli-io.ts';
import { FIRST_TCP_PORT } from './devnet/devnet-plan.ts';
import { type DevnetCommandOptions, runDevnet } from './devnet/run-devnet.ts';
import { integerIn, positiveNumber } from './option-parsers.ts';
import type { ExitSlot } from './program.ts';

const DEVNET_HELP = `
What it does:
  On the first run it writes --data: genesis.json (chain pvchain-devnet: the grid company with
  10,000,000 kWh, 64 named households, half of them with rooftop PV, each with a meter) and
  node-<i>/ with node.json and validator.key for four validators. Every key is derived from a
  public label: a demo chain, never for anything real. Later runs continue from that data.
  It runs the four validators (pvchain node) as child processes on 127.0.0.1 (TCP ports
  --base-port to --base-port+3, WebSockets for light clients at --base-port+100 to +103, the
  HTTP API at http://127.0.0.1:<--base-port+200 to +203>/v1, Prometheus metrics at
  http://127.0.0.1:<--base-port+300 to +303>/metrics; logs in node-<i>/node.log), validator 0 also running the households' meter simulators, and prints progress.
  Once all are ready it opens the web app in your browser when run from a terminal with a
  display (--open forces it, --no-open stops it). Ctrl-C stops them all cleanly (exit code 130).

Examples:
  $ pvchain devnet                              # npm start
  $ pvchain devnet --data /tmp/demo --speed 3600 --base-port 28001
`;

export function registerDevnetCommand(program: Command, io: CliIo, exit: ExitSlot): void {
  program
    .command('devnet')
    .description('run the demo network: 4 validators on 127.0.0.1 and the simulated meters')
    .option('--data <dir>', 'where the network keeps its genesis, keys and chains', 'data')
    .option(
      '--speed <x>',
      "the meters' simulated seconds per real second (60: an hour a minute)",
      positiveNumber,
      60,
    )
    .option('--no-meters', 'do not simulate the meters')
    .option('--open', 'open the web app in a browser when the validators are ready')
    .option(
      '--no-open',
      'do not open it (default: open it when run from a terminal with a display)',
    )
    .option(
      '--base-port <n>',
      'TCP port of validator 0; the others follow; WebSockets at +100, API +200, metrics +300',
      integerIn(1024, 65_232),
      FIRST_TCP_PORT,
    )
    .addOption(
      new Option('--progress-seconds <s>', 'seconds between progress lines')
        .argParser(positiveNumber)
        .default(5)
        .hideHelp(),
    )
    .addHelpText('after', DEVNET_HELP)
    .action(async (options: DevnetCommandOptions) => {
      exit.code = await runDevnet(options, io);
    });
}
