// From a loaded node config file to createNode's settings (node/node.ts): the network from p2p,
// consensus and ledger; the API from webserver and wsserver; the metrics from monitor.
import { listenAddress } from '../config/config-schema.ts';
import type { LoadedNodeConfig } from '../config/node-config-file.ts';
import { createNode, DEFAULT_NODE_SETTINGS, type NodeConfig } from '../node.ts';
import { parseTestFaults } from '../sync/light-faults.ts';

/** PVCHAIN_TEST_FAULTS (tests only): a faulty primary, a dishonest light server. */
function testFaultsOf(value: string | undefined) {
  if (!value) return undefined;
  const faults = parseTestFaults(value);
  return { equivocatePrePrepare: faults.equivocate, light: faults.light };
}

export function nodeSettingsOf(
  config: LoadedNodeConfig,
  log: NonNullable<NodeConfig['log']>,
  env: Record<string, string | undefined>,
): NodeConfig {
  const { maxBlockTransactions, maxBlockBytes, blockIntervalMs } = config.ledger;
  return {
    ...DEFAULT_NODE_SETTINGS,
    dataDir: config.dataDir,
    genesis: config.genesis,
    validatorSecretKey: config.validatorSecretKey,
    verifyWorkers: config.validation.verifyWorkers,
    network: {
      listen: config.p2p.listen,
      peers: config.p2p.peers,
      consensus: config.consensus,
      blocks: { maxBlockTransactions, maxBlockBytes, blockIntervalMs },
      faults: testFaultsOf(env.PVCHAIN_TEST_FAULTS),
    },
    ...(config.webserver && {
      api: {
        ...listenAddress(config.webserver.listen),
        corsOrigins: config.webserver.corsOrigins,
        limits: {
          bodyLimitBytes: config.webserver.bodyLimitBytes,
          rateLimit: { max: config.webserver.rateLimitPerMinute, windowMs: 60_000 },
          ...(config.wsserver && { ws: config.wsserver }),
        },
      },
    }),
    ...(config.monitor && { monitor: listenAddress(config.monitor.listen) }),
    log,
  };
}

export const startNodeFromConfig = (
  config: LoadedNodeConfig,
  log: NonNullable<NodeConfig['log']>,
  env: Record<string, string | undefined>,
) => createNode(nodeSettingsOf(config, log, env));
