// `pvchain node --config node.json`: runs one validator until Ctrl-C (SIGINT) or SIGTERM, then
// stops it cleanly. It prints one JSON line per event: `ready` (with its peer id and addresses,
// and the API's URL when the config has a `webserver`)
// once it takes part in consensus, `committed` per block, `stopped` at the end. With the demo-only
// config section `devMeters` (pvchain devnet) it also runs the devnet's meters, printing `meters`.
import type { Command } from 'commander';
import { listenAddress, loadNodeConfig } from '../config/node-config-file.ts';
import { createNode, DEFAULT_NODE_SETTINGS } from '../node.ts';
import { type CliIo, ExitCode } from './cli-io.ts';
import { devMeters } from './devnet/dev-meters.ts';
import type { ExitSlot } from './program.ts';

export function registerNodeCommand(program: Command, io: CliIo, exit: ExitSlot): void {
  program
    .command('node')
    .description('run one validator of a network, as its config file says')
    .requiredOption('-c, --config <file>', 'the node config file (JSON)')
    .action(async (options: { config: string }) => {
      exit.code = await runNode(options.config, io);
    });
}

async function runNode(configFile: string, io: CliIo): Promise<ExitCode> {
  const config = await loadNodeConfig(configFile);
  const meters = config.devMeters && devMeters(config.devMeters, config.genesis);
  const line = (event: string, fields: Record<string, unknown> = {}) =>
    io.out(`${JSON.stringify({ event, timeMs: Date.now(), ...fields })}\n`);
  const node = await createNode({
    ...DEFAULT_NODE_SETTINGS,
    dataDir: config.dataDir,
    genesis: config.genesis,
    validatorSecretKey: config.validatorSecretKey,
    verifyWorkers: config.verifyWorkers,
    network: {
      listen: config.p2p.listen,
      peers: config.p2p.peers,
      consensus: config.consensus,
      blocks: config.ledger,
      faults:
        process.env.PVCHAIN_TEST_FAULTS === 'equivocate'
          ? { equivocatePrePrepare: true }
          : undefined,
    },
    ...(config.webserver && {
      api: {
        ...listenAddress(config.webserver.listen),
        corsOrigins: config.webserver.corsOrigins,
        limits: {
          bodyLimitBytes: config.webserver.bodyLimitBytes,
          rateLimit: { max: config.webserver.rateLimitPerMinute, windowMs: 60_000 },
        },
      },
    }),
    log: line,
  });
  node.onCommitted((block) =>
    line('committed', {
      height: String(block.height),
      hash: Buffer.from(block.hash).toString('hex'),
      transactions: block.executed.included.length,
      stateRoot: Buffer.from(node.chain.last()?.stateRoot ?? []).toString('hex'),
      view: String(block.commit?.view ?? 0),
      // Benchmarks match transactions to blocks by hash (bench/network.ts).
      ...(process.env.PVCHAIN_LOG_TX_HASHES === '1' && {
        txHashes: block.executed.included.map((tx) => Buffer.from(tx.decoded.hash).toString('hex')),
      }),
    }),
  );
  let stop = (): void => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  io.interrupt.addEventListener('abort', () => stop(), { once: true });
  process.once('SIGTERM', () => stop());
  await node.start();
  line('ready', {
    chainId: config.genesis.chainId,
    height: String(node.chain.height()),
    peerId: node.network?.p2p.peerId,
    addresses: node.network?.p2p.multiaddrs(),
    ...(node.api && { api: node.api.url(), ws: `${node.api.url().replace(/^http/, 'ws')}/v1/ws` }),
  });
  const running = meters?.start(node, line);
  const watchdog = setInterval(() => {
    if (node.fatalError()) stop();
  }, 500);
  await stopped;
  clearInterval(watchdog);
  await running?.stop();
  const failure = node.fatalError();
  await node.stop();
  line('stopped', failure ? { error: String(failure) } : {});
  if (failure) return ExitCode.FAILURE;
  return io.interrupt.aborted ? ExitCode.INTERRUPTED : ExitCode.OK;
}
