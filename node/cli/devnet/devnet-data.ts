// The demo network's data dir: `genesis.json`, and per validator `node-<i>/` with its
// `validator.key` (chmod 600), its `node.json` and its chain in `chain/`, plus `DEVNET.txt`
// saying what all this is. The genesis and the keys are written once and checked on every later
// run (a data dir of another chain, or of another version of the plan, is refused); the
// node.json files follow the command's options (ports, meters) and are rewritten every run.
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { peerIdFromValidatorKey } from '../../p2p/index.ts';
import {
  DEVNET_CHAIN_ID,
  DEVNET_VALIDATORS,
  type DevnetHousehold,
  devnetGenesis,
  devnetHouseholds,
  devnetKeys,
  devnetNodeConfig,
} from './devnet-plan.ts';

export type DevnetDataOptions = {
  dataDir: string;
  basePort: number;
  /** Simulated seconds per real second of the meters in validator 0; none: no meters. */
  meterSpeed?: number;
};

export type DevnetData = {
  dataDir: string;
  /** True when this run wrote the genesis (a fresh network). */
  created: boolean;
  configFiles: string[];
  households: DevnetHousehold[];
  genesis: { chainId: string; grids: { realName: string; energyWh: number }[] };
};

export class DevnetDataError extends Error {
  readonly code = 'DEVNET_DATA_DIR' as const;
  constructor(message: string) {
    super(message);
    this.name = 'DevnetDataError';
  }
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const README = (dataDir: string): string => `pvchain demo network (chain ${DEVNET_CHAIN_ID})
========================================

This folder was made by \`pvchain devnet\` (\`npm start\`). It holds a DEMO chain: every key in
it (the genesis account, the grid, the four validators, the 64 households and their meters) is
SHA-256 of a public label, so anyone can recompute them. Never use it for anything real.

  genesis.json          the chain's genesis: the grid company with 10,000,000 kWh, 64 named
                        households (every odd one with rooftop PV) with their meters
  node-<i>/node.json    validator i's config; rewritten by every \`pvchain devnet\` run from its
                        options (--base-port, --speed, --no-meters)
  node-<i>/validator.key  validator i's secret key (demo key, chmod 600)
  node-<i>/node.log     validator i's log (JSON lines, pino; docs/configuration.md)
  node-<i>/chain/       validator i's stores: ledger.db, account.db, keyvalue.db

Run \`npm start\` (or \`pvchain devnet --data ${dataDir}\`) again to continue this chain; remove
the folder to start afresh. One validator alone: \`pvchain node --config node-<i>/node.json\`.
Validator 0's node.json has a demo-only "devMeters" section: that node runs the community's
meter simulators and relays their signed readings with the grid's (public) key.
`;

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Refuses a genesis.json that is not the devnet's, naming what it is. */
function checkGenesis(dataDir: string, text: string, expected: unknown): void {
  let found: { chainId?: unknown };
  try {
    found = JSON.parse(text) as { chainId?: unknown };
  } catch {
    throw new DevnetDataError(
      `${join(dataDir, 'genesis.json')} is not JSON: not a demo network's data dir; choose another --data`,
    );
  }
  if (found?.chainId !== DEVNET_CHAIN_ID)
    throw new DevnetDataError(
      `${dataDir} holds chain ${JSON.stringify(found?.chainId)}, not the demo network ` +
        `(${DEVNET_CHAIN_ID}); choose another --data`,
    );
  if (JSON.stringify(found) !== JSON.stringify(expected))
    throw new DevnetDataError(
      `${dataDir} holds a ${DEVNET_CHAIN_ID} genesis that differs from this version's demo ` +
        'network; remove the folder to start afresh, or choose another --data',
    );
}

async function writeKey(path: string, secretKey: Uint8Array): Promise<void> {
  const existing = await readIfExists(path);
  if (existing === undefined) {
    await writeFile(path, `${hex(secretKey)}\n`, { mode: 0o600 });
    await chmod(path, 0o600);
    return;
  }
  if (existing.trim() !== hex(secretKey))
    throw new DevnetDataError(`${path} is not the demo network's key for this validator`);
  if ((await stat(path)).mode & 0o077) await chmod(path, 0o600);
}

/** Creates the data dir of a fresh demo network, or checks the one that is there. */
export async function prepareDevnetData(options: DevnetDataOptions): Promise<DevnetData> {
  const { dataDir } = options;
  const households = devnetHouseholds();
  const genesis = devnetGenesis(households) as DevnetData['genesis'];
  const genesisPath = join(dataDir, 'genesis.json');
  await mkdir(dataDir, { recursive: true });
  const existing = await readIfExists(genesisPath);
  if (existing === undefined) {
    // What an unfinished first run leaves is ours; anything else is someone else's.
    const ours = (e: string): boolean => e === 'DEVNET.txt' || /^node-\d+$/.test(e);
    const entries = (await readdir(dataDir)).filter((e) => !e.startsWith('.') && !ours(e));
    if (entries.length > 0)
      throw new DevnetDataError(
        `${dataDir} is not empty and has no genesis.json: not a demo network's data dir; ` +
          'choose another --data',
      );
  } else checkGenesis(dataDir, existing, genesis);

  const validators = devnetKeys().validators;
  const configFiles: string[] = [];
  for (let i = 0; i < DEVNET_VALIDATORS; i++) {
    const dir = join(dataDir, `node-${i}`);
    await mkdir(dir, { recursive: true });
    await writeKey(
      join(dir, 'validator.key'),
      (validators[i] as { secretKey: Uint8Array }).secretKey,
    );
    const config = devnetNodeConfig(i, peerIdFromValidatorKey, options.basePort) as object;
    const withMeters =
      i === 0 && options.meterSpeed !== undefined
        ? { ...config, devMeters: { speed: options.meterSpeed } }
        : config;
    const file = join(dir, 'node.json');
    await writeFile(file, `${JSON.stringify(withMeters, null, 2)}\n`);
    configFiles.push(file);
  }
  await writeFile(join(dataDir, 'DEVNET.txt'), README(dataDir));
  // The genesis last: a data dir without it is one whose first run did not finish.
  if (existing === undefined) await writeFile(genesisPath, `${JSON.stringify(genesis, null, 2)}\n`);
  return { dataDir, created: existing === undefined, configFiles, households, genesis };
}
