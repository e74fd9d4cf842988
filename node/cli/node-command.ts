// `pvchain node --config node.json`: runs one validator until Ctrl-C (SIGINT) or SIGTERM, then
// stops it cleanly. Standard output carries one JSON line per event, the machine-readable
// protocol that tests, benchmarks and `pvchain devnet` read: `ready` (with its peer id and
// addresses, the API's URL when the config has a `webserver`, the metrics' with a `monitor`)
// once it takes part in consensus, `committed` per block, the network's events (`synced`,
// `validator set changed`, ...), `stopped` at the end. With the demo-only config section
// `devMeters` (pvchain devnet) it also runs the devnet's meters, printing `meters`. The log
// (pino, the config's `logger`) gets the same events as records whose `msg` is the event name,
// plus what an operator needs to know (the settings it started with, never the key).
import type { Command } from 'commander';
import { addressFromPublicKey, getPublicKey } from '../../assembly/bindings/crypto.node.ts';
import { loadNodeConfig } from '../config/node-config-file.ts';
import { createNodeLogger } from '../log/logger.ts';
import { type CliIo, ExitCode } from './cli-io.ts';
import { devMeters } from './devnet/dev-meters.ts';
import { startNodeFromConfig } from './node-settings.ts';
import type { ExitSlot } from './program.ts';
import { watchSync } from './sync-progress.ts';

export function registerNodeCommand(program: Command, io: CliIo, exit: ExitSlot): void {
  program
    .command('node')
    .description('run one validator of a network, as its config file says')
    .requiredOption('-c, --config <file>', 'the node config file (JSON; docs/configuration.md)')
    .addHelpText(
      'after',
      `
Environment: PVCHAIN_<SECTION>_<FIELD> overrides a config field, e.g.
  PVCHAIN_P2P_LISTEN_TCP=/ip4/127.0.0.1/tcp/7001 PVCHAIN_LOGGER_LEVEL=debug pvchain node -c node.json
Exit codes: 0 stopped, 1 failed, 78 invalid config (each wrong field named), 130 Ctrl-C.`,
    )
    .action(async (options: { config: string }) => {
      exit.code = await runNode(options.config, io);
    });
}

async function runNode(configFile: string, io: CliIo): Promise<ExitCode> {
  const env = io.env ?? process.env;
  const config = await loadNodeConfig(configFile, env);
  const logger = createNodeLogger(config.logger);
  const meters = config.devMeters && devMeters(config.devMeters, config.genesis);
  const line = (event: string, fields: Record<string, unknown> = {}) =>
    io.out(`${JSON.stringify({ event, timeMs: Date.now(), ...fields })}\n`);
  const log = (event: string, fields: Record<string, unknown> = {}) => {
    line(event, fields);
    if (event === 'api-error') logger.error(fields, event);
    else logger.info(fields, event);
  };
  logger.info(
    {
      config: config.file,
      chainId: config.genesis.chainId,
      validator: addressFromPublicKey(getPublicKey(config.validatorSecretKey)),
      dataDir: config.dataDir,
      keyFile: config.validation.keyFile,
      p2p: config.p2p,
      webserver: config.webserver?.listen,
      monitor: config.monitor?.listen,
    },
    'starting',
  );
  const node = await startNodeFromConfig(config, log, env);
  node.onCommitted((block) => {
    const fields = {
      height: String(block.height),
      hash: Buffer.from(block.hash).toString('hex'),
      transactions: block.executed.included.length,
      stateRoot: Buffer.from(node.chain.last()?.stateRoot ?? []).toString('hex'),
      view: String(block.commit?.view ?? 0),
    };
    logger.debug(fields, 'committed');
    line('committed', {
      ...fields,
      // Benchmarks match transactions to blocks by hash (bench/network.ts).
      ...(env.PVCHAIN_LOG_TX_HASHES === '1' && {
        txHashes: block.executed.included.map((tx) => Buffer.from(tx.decoded.hash).toString('hex')),
      }),
    });
  });
  let stop = (): void => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  io.interrupt.addEventListener('abort', () => stop(), { once: true });
  process.once('SIGTERM', () => stop());
  const sync = watchSync(node, io);
  await node.start();
  const ready = {
    chainId: config.genesis.chainId,
    height: String(node.chain.height()),
    peerId: node.network?.p2p.peerId,
    addresses: node.network?.p2p.multiaddrs(),
    ...(node.api && { api: node.api.url(), ws: `${node.api.url().replace(/^http/, 'ws')}/v1/ws` }),
    ...(node.api?.appServed() && { app: `${node.api.url()}/` }),
    ...(node.monitor && { metrics: node.monitor.url() }),
  };
  line('ready', ready);
  logger.info(ready, 'ready');
  const running = meters?.start(node, line);
  const watchdog = setInterval(() => {
    if (node.fatalError()) stop();
  }, 500);
  await stopped;
  clearInterval(watchdog);
  sync.stop();
  await running?.stop();
  const failure = node.fatalError();
  await node.stop();
  line('stopped', failure ? { error: String(failure) } : {});
  if (failure) logger.fatal({ err: failure }, 'stopped');
  else logger.info('stopped');
  logger.flush();
  if (failure) return ExitCode.FAILURE;
  return io.interrupt.aborted ? ExitCode.INTERRUPTED : ExitCode.OK;
}
