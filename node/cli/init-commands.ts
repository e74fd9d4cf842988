// `pvchain init` (a validator's key file and node config) and `pvchain genesis` (a genesis file
// from flags and public keys, e.g. the validator keys that init made).
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { addressBytesFromPublicKey, formatAddress } from '../../assembly/bindings/crypto.node.ts';
import { GenesisError, parseGenesis } from '../ledger/genesis.ts';
import { peerIdFromValidatorKey } from '../p2p/index.ts';
import { type CliIo, CliUsageError, ExitCode } from './cli-io.ts';
import { printJson } from './client/command-kit.ts';
import { keyPairOf, publicKeyFrom, writeKeyFile } from './client/key-file.ts';
import { integerIn, numberIn } from './option-parsers.ts';
import type { ExitSlot } from './program.ts';

type InitOptions = {
  dir: string;
  genesis: string;
  p2pPort: number;
  apiPort?: number;
  monitorPort?: number;
  peer: string[];
  json?: boolean;
};

type GenesisOptions = {
  out: string;
  chainId: string;
  hash: 'sha256' | 'sm3';
  genesisAccount: string;
  validator: string[];
  grid: string[];
  gridEnergyKwh: number;
  gridMoneyYuan: number;
  energyContract: boolean;
  json?: boolean;
};

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

async function writeNew(path: string, text: string, option: string): Promise<void> {
  try {
    await writeFile(path, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new CliUsageError(option, `${path} exists; not overwritten`);
    throw error;
  }
}

export function registerInitCommands(program: Command, io: CliIo, exit: ExitSlot): void {
  program
    .command('init')
    .description('make a validator: its key file (mode 0600) and its node config')
    .option('--dir <dir>', 'where to write validator.key and node.json', '.')
    .option('--genesis <file>', 'the genesis file, relative to --dir', 'genesis.json')
    .option('--p2p-port <port>', 'TCP port for the other validators', integerIn(0, 65_535), 27001)
    .option('--api-port <port>', 'serve the HTTP API on 127.0.0.1:<port>', integerIn(0, 65_535))
    .option('--monitor-port <port>', 'serve /metrics on 127.0.0.1:<port>', integerIn(0, 65_535))
    .option(
      '--peer <multiaddr>',
      'another validator, /ip4/.../tcp/.../p2p/<peer id> (repeat)',
      collect,
      [],
    )
    .option('--json', 'print one JSON object instead of text')
    .addHelpText(
      'after',
      `
Then: give every validator's public key to \`pvchain genesis --validator\`, put the genesis
file where node.json says, and run \`pvchain node --config <dir>/node.json\`.
Example:
  $ pvchain init --dir v0 --api-port 27201 --monitor-port 27301`,
    )
    .action(async (options: InitOptions) => {
      exit.code = await init(options, io);
    });

  program
    .command('genesis')
    .description('write a genesis file: chain id, genesis account, validators, grids')
    .requiredOption('--chain-id <id>', 'the chain id (3-64 lowercase letters, digits, dashes)')
    .requiredOption(
      '--genesis-account <key>',
      "the genesis account's public key: 64 hex or a key file",
    )
    .option(
      '--validator <key>',
      "a validator's public key: 64 hex or its key file (repeat)",
      collect,
      [],
    )
    .option(
      '--grid <name=key>',
      'a grid company: its real name and public key or key file (repeat)',
      collect,
      [],
    )
    .option('--grid-energy-kwh <kWh>', 'kWh each grid starts with', numberIn(0, 1e12), 10_000_000)
    .option('--grid-money-yuan <CNY>', 'CNY each grid starts with', numberIn(0, 1e12), 10_000_000)
    .option(
      '--no-energy-contract',
      'do not deploy the energy contract (default: with the first grid as treasury)',
    )
    .option('--hash <alg>', 'the chain hash: sha256 or sm3', 'sha256')
    .option('-o, --out <file>', 'the genesis file', 'genesis.json')
    .option('--json', 'print one JSON object instead of text')
    .addHelpText(
      'after',
      `
Example:
  $ pvchain account create --out genesis-account.json
  $ pvchain account create --out grid.json
  $ pvchain genesis --chain-id lianhua-1 --genesis-account genesis-account.json \\
      --validator v0/validator.key --validator v1/validator.key --validator v2/validator.key \\
      --validator v3/validator.key --grid "Lianhua Grid Co.=grid.json" --out genesis.json`,
    )
    .action(async (options: GenesisOptions) => {
      exit.code = await genesis(options, io);
    });
}

async function init(options: InitOptions, io: CliIo): Promise<ExitCode> {
  const dir = resolve(options.dir);
  await mkdir(dir, { recursive: true });
  const key = keyPairOf(new Uint8Array(randomBytes(32)));
  const keyFile = join(dir, 'validator.key');
  await writeKeyFile(keyFile, `${hex(key.secretKey)}\n`);
  const config = {
    version: 1,
    db: { path: 'chain' },
    p2p: { listen: { tcp: `/ip4/127.0.0.1/tcp/${options.p2pPort}` }, peers: options.peer },
    ...(options.apiPort !== undefined && { webserver: { listen: `127.0.0.1:${options.apiPort}` } }),
    ledger: { genesisFile: options.genesis },
    logger: { level: 'info', output: 'stderr' },
    validation: { keyFile: 'validator.key' },
    ...(options.monitorPort !== undefined && {
      monitor: { listen: `127.0.0.1:${options.monitorPort}` },
    }),
  };
  const configFile = join(dir, 'node.json');
  await writeNew(configFile, `${JSON.stringify(config, null, 2)}\n`, '--dir <dir>');
  const made = {
    keyFile,
    configFile,
    address: key.address,
    publicKey: hex(key.publicKey),
    peerId: peerIdFromValidatorKey(key.publicKey),
  };
  if (options.json) printJson(io, made);
  else
    io.out(
      [
        `validator ${made.address}`,
        `  public key  ${made.publicKey}`,
        `  peer id     ${made.peerId}  (others' --peer: /ip4/<host>/tcp/${options.p2pPort}/p2p/${made.peerId})`,
        `  key file    ${relative(process.cwd(), keyFile) || keyFile} (mode 0600; never share it)`,
        `  config      ${relative(process.cwd(), configFile) || configFile}`,
        '',
      ].join('\n'),
    );
  return ExitCode.OK;
}

async function genesis(options: GenesisOptions, io: CliIo): Promise<ExitCode> {
  if (options.validator.length === 0)
    throw new CliUsageError(
      '--validator <key>',
      'name at least one validator (4 or more tolerate a fault)',
    );
  const grids = await Promise.all(
    options.grid.map(async (text) => {
      const at = text.lastIndexOf('=');
      if (at <= 0)
        throw new CliUsageError(
          '--grid <name=key>',
          `expected "<real name>=<key>", got ${JSON.stringify(text)}`,
        );
      return {
        publicKey: hex(await publicKeyFrom(text.slice(at + 1), '--grid <name=key>')),
        realName: text.slice(0, at),
        energyWh: Math.round(options.gridEnergyKwh * 1000),
        moneyFen: Math.round(options.gridMoneyYuan * 100),
      };
    }),
  );
  const document = {
    chainId: options.chainId,
    hash: options.hash,
    timeMs: Date.now(),
    genesisAccount: {
      publicKey: hex(await publicKeyFrom(options.genesisAccount, '--genesis-account <key>')),
    },
    validators: await Promise.all(
      options.validator.map(async (v) => ({
        publicKey: hex(await publicKeyFrom(v, '--validator <key>')),
      })),
    ),
    grids,
    ...(options.energyContract && grids[0] && { energyContract: { grid: grids[0].publicKey } }),
  };
  try {
    parseGenesis(JSON.stringify(document));
  } catch (error) {
    if (!(error instanceof GenesisError)) throw error;
    throw new CliUsageError(
      'genesis',
      error.issues.map((i) => `${i.field}: ${i.message}`).join('; '),
    );
  }
  await writeNew(options.out, `${JSON.stringify(document, null, 2)}\n`, '--out <file>');
  const address = (publicKey: string) =>
    formatAddress(addressBytesFromPublicKey(new Uint8Array(Buffer.from(publicKey, 'hex'))));
  const summary = {
    file: options.out,
    chainId: document.chainId,
    genesisAccount: address(document.genesisAccount.publicKey),
    validators: document.validators.map((v) => address(v.publicKey)),
    grids: grids.map((g) => ({ realName: g.realName, address: address(g.publicKey) })),
    energyContract: 'energyContract' in document,
  };
  if (options.json) printJson(io, summary);
  else
    io.out(
      [
        `genesis of chain ${summary.chainId} written to ${summary.file}`,
        `  genesis account  ${summary.genesisAccount}`,
        ...summary.validators.map((v, i) => `  validator ${i}      ${v}`),
        ...summary.grids.map((g) => `  grid             ${g.address} (${g.realName})`),
        `  energy contract  ${summary.energyContract ? 'deployed, the first grid its treasury' : 'none'}`,
        '',
      ].join('\n'),
    );
  return ExitCode.OK;
}
