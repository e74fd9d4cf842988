// `pvchain account create` (key files; with --creator also the accounts on the chain) and
// `pvchain account show <address>`.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { signTransaction } from '../../light-client/transactions/sign-transaction.ts';
import { pvchain } from '../../proto/index.ts';
import { type CliIo, CliUsageError, ExitCode } from './cli-io.ts';
import { clientOf, type NodeOptions, printJson, withNodeOptions } from './client/command-kit.ts';
import { formatAccount } from './client/format.ts';
import {
  type KeyPair,
  keyFileText,
  keyPairOf,
  readKeyFile,
  writeKeyFile,
} from './client/key-file.ts';
import { accountOf, chainIdOf, submitCommitted } from './client/send.ts';
import { integerIn } from './option-parsers.ts';
import type { ExitSlot } from './program.ts';
import { createProgress } from './progress.ts';

const v1 = pvchain.v1;

type CreateOptions = NodeOptions & {
  out?: string;
  dir?: string;
  count: number;
  creator?: string;
  role: 'household' | 'grid';
  name?: string;
  waitMs: number;
};

const CREATE_HELP = `
Examples:
  $ pvchain account create --out alice.json
  $ pvchain account create --out h1.json --creator grid.json --name "Li Wei"   # also on the chain
  $ pvchain account create --count 500 --dir households --creator grid.json --name Household
Key files are written with mode 0600 and never overwritten.`;

export function registerAccountCommands(program: Command, io: CliIo, exit: ExitSlot): void {
  const account = program.command('account').description('accounts: key files, on-chain accounts');
  withNodeOptions(
    account
      .command('create')
      .description(
        'make key pairs (key files); with --creator also create the accounts on the chain',
      )
      .option('-o, --out <file>', 'the key file (one account; default ./<address>.json)')
      .option('--dir <dir>', 'folder for the key files, named <address>.json (with --count)')
      .option('-n, --count <n>', 'how many accounts', integerIn(1, 100_000), 1)
      .option(
        '--creator <key file>',
        "create them on the chain, signed by this grid's (or the genesis account's) key",
      )
      .addOption(
        new Option('--role <role>', 'on-chain role')
          .choices(['household', 'grid'])
          .default('household'),
      )
      .option('--name <real name>', 'real name (head of household); with --count, numbered')
      .option('--wait-ms <ms>', 'longest wait for the blocks', integerIn(100, 60_000), 30_000)
      .addHelpText('after', CREATE_HELP),
    io,
  ).action(async (options: CreateOptions) => {
    exit.code = await createAccounts(options, io);
  });
  withNodeOptions(
    account
      .command('show')
      .description('an account: role, name, nonce, balances, supply status, meters')
      .argument('<address>', 'the address (a001...) or a key file'),
    io,
  ).action(async (address: string, options: NodeOptions) => {
    exit.code = await showAccount(address, options, io);
  });
}

async function showAccount(target: string, options: NodeOptions, io: CliIo): Promise<ExitCode> {
  const address = /^a001[0-9a-f]{42}$/.test(target)
    ? target
    : (await readKeyFile(target, '<address>')).address;
  const client = clientOf(options);
  const view = await client.get<{ height: string; account: Awaited<ReturnType<typeof accountOf>> }>(
    `/accounts/${address}`,
  );
  if (options.json) printJson(io, view);
  else io.out(formatAccount(view.account, view.height));
  return ExitCode.OK;
}

async function createAccounts(options: CreateOptions, io: CliIo): Promise<ExitCode> {
  if (options.count > 1 && !options.dir)
    throw new CliUsageError('--dir <dir>', 'give a folder for the key files of --count accounts');
  if (options.count > 1 && options.out)
    throw new CliUsageError('--out <file>', 'one file holds one account; use --dir with --count');
  if (options.dir) await mkdir(options.dir, { recursive: true });
  const bar = createProgress(io, 'key files', options.count);
  const made: { key: KeyPair; file: string }[] = [];
  for (let i = 0; i < options.count; i++) {
    const key = keyPairOf(new Uint8Array(randomBytes(32)));
    const file = options.out ?? join(options.dir ?? '.', `${key.address}.json`);
    await writeKeyFile(file, keyFileText(key));
    made.push({ key, file });
    bar.update(i + 1);
  }
  bar.finish();
  const onChain = options.creator ? await createOnChain(made, options, io) : null;
  const accounts = made.map(({ key, file }, i) => ({
    address: key.address,
    publicKey: Buffer.from(key.publicKey).toString('hex'),
    file,
    ...(onChain && { transaction: onChain[i] }),
  }));
  if (options.json) printJson(io, options.count === 1 ? accounts[0] : { accounts });
  else
    for (const a of accounts)
      io.out(
        `${a.address}  ${a.file}${a.transaction ? `  ${a.transaction.status}${a.transaction.height ? ` at height ${a.transaction.height}` : ''}` : ''}\n`,
      );
  const failed = onChain?.filter((t) => t.status !== 'committed' || t.error_code !== null) ?? [];
  for (const t of failed.slice(0, 5))
    io.err(`error: account not created: ${t.status} ${t.error_code ?? ''} ${t.error_desc}\n`);
  return failed.length === 0 ? ExitCode.OK : ExitCode.FAILURE;
}

const BATCH = 500;

async function createOnChain(made: { key: KeyPair }[], options: CreateOptions, io: CliIo) {
  const creator = await readKeyFile(options.creator as string, '--creator <key file>');
  const client = clientOf(options);
  const chainId = await chainIdOf(client);
  let nonce = BigInt((await accountOf(client, creator.address)).nonce);
  const role =
    options.role === 'grid'
      ? v1.AccountRole.ACCOUNT_ROLE_GRID
      : v1.AccountRole.ACCOUNT_ROLE_HOUSEHOLD;
  const nameOf = (i: number): string =>
    made.length === 1
      ? (options.name ?? `Household ${made[0]?.key.address.slice(4, 12)}`)
      : `${options.name ?? 'Household'} ${i + 1}`;
  const envelopes = made.map(({ key }, i) => {
    nonce += 1n;
    return signTransaction(chainId, creator, nonce, [
      {
        type: v1.OperationType.OPERATION_TYPE_CREATE_ACCOUNT,
        createAccount: { publicKey: key.publicKey, role, realName: nameOf(i) },
      },
    ]);
  });
  const bar = createProgress(io, 'creating on chain', made.length);
  const results = [];
  for (let at = 0; at < envelopes.length; at += BATCH) {
    results.push(
      ...(await submitCommitted(client, envelopes.slice(at, at + BATCH), options.waitMs)),
    );
    bar.update(results.length);
  }
  bar.finish();
  return results;
}
