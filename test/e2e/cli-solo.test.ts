// The CLI typed as a user types it (bin/pvchain.ts in child processes) against a running solo
// node (createNode with its API, real LevelDB and HTTP): status, accounts made and created on
// the chain, payments, buying from the grid and posting an offer through the energy contract,
// a meter registered, transaction status; values read back from the chain; errors with their
// exit codes.
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatAddress } from '../../assembly/bindings/crypto.node.ts';
import { createNode, type PvchainNode } from '../../node/node.ts';
import { createHouseholdArgs, jsonOf, runPvchain, writeGridKeyFile } from '../support/cli-run.ts';
import {
  address,
  CHAIN_ID,
  GRID,
  GRID_START_FEN,
  hex,
  meterKey,
  publicKey,
  secretKey,
  soloNodeConfig,
  testGenesis,
} from '../support/community.ts';

let dir = '';
let node: PvchainNode;
let env: Record<string, string> = {};
const gridAddress = formatAddress(address(GRID));

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pvchain-cli-solo-'));
  node = await createNode(
    soloNodeConfig(join(dir, 'chain'), {
      genesis: testGenesis('sha256', { energy: true }),
      blockIntervalMs: 50,
      verifyWorkers: 0,
      api: { host: '127.0.0.1', port: 0 },
    }),
  );
  await node.start();
  env = { PVCHAIN_NODE: node.api?.url() ?? '' };
  await writeGridKeyFile(dir);
});
after(async () => {
  await node?.stop();
  await rm(dir, { recursive: true, force: true });
});

const pv = (...args: string[]) => runPvchain(args, { cwd: dir, env });
type Account = {
  account: {
    role: string;
    realName: string;
    creator: string;
    nonce: string;
    balances: { issuer: string; code: string; amount: string }[];
    meters: { meterId: string; triggerWh: string }[];
  };
};
const balance = (a: Account, code: string): string =>
  a.account.balances.find((b) => b.code === code)?.amount ?? '0';

describe('pvchain CLI against a solo node', () => {
  let household = '';
  let lastHash = '';

  it('status: the chain id and height, as JSON and as text', async () => {
    const status = jsonOf<{ chainId: string; height: string; mode: string }>(
      await pv('status', '--json'),
    );
    assert.equal(status.chainId, CHAIN_ID);
    assert.equal(status.mode, 'solo');
    assert.ok(BigInt(status.height) <= node.chain.height());
    const text = await pv('status');
    assert.equal(text.code, 0);
    assert.match(text.stdout, new RegExp(`^chain {6}${CHAIN_ID} \\(solo\\)`, 'm'));
  });

  it('account create --creator: a key file (0600) and the household on the chain', async () => {
    const made = jsonOf<{ address: string; file: string; transaction: { status: string } }>(
      await pv(...createHouseholdArgs('li.json', 'Li Wei')),
    );
    household = made.address;
    assert.equal(made.transaction.status, 'committed');
    assert.equal((await stat(join(dir, 'li.json'))).mode & 0o777, 0o600);
    const shown = jsonOf<Account>(await pv('account', 'show', household, '--json'));
    assert.equal(shown.account.role, 'household');
    assert.equal(shown.account.realName, 'Li Wei');
    assert.equal(shown.account.creator, gridAddress);
    const text = await pv('account', 'show', 'li.json');
    assert.match(text.stdout, /role {6}household \(Li Wei\)/);
  });

  it('pay, buy from the grid, sell (an offer): balances follow', async () => {
    const paid = jsonOf<{ status: string; hash: string; height: string }>(
      await pv(
        'pay',
        '--key',
        'grid.json',
        '--to',
        household,
        '--code',
        'CNY',
        '--amount',
        '10000',
        '--json',
      ),
    );
    assert.equal(paid.status, 'committed');
    const bought = jsonOf<{ status: string; paidFen: string; hash: string }>(
      await pv('buy', '--key', 'li.json', '--kwh', '2', '--json'),
    );
    assert.equal(bought.status, 'committed');
    assert.equal(bought.paidFen, '100', '2 kWh at the retail tariff of 50 fen/kWh');
    const offer = jsonOf<{ status: string; offerId: string; hash: string }>(
      await pv('sell', '--key', 'li.json', '--kwh', '0.5', '--price', '45', '--json'),
    );
    assert.equal(offer.offerId, '1');
    lastHash = offer.hash;
    const shown = jsonOf<Account>(await pv('account', 'show', household, '--json'));
    assert.equal(balance(shown, 'CNY'), '9900');
    assert.equal(balance(shown, 'kWh'), '1500', '2 kWh bought, 0.5 kWh in escrow');
    assert.equal(shown.account.nonce, '2');
    const grid = jsonOf<Account>(await pv('account', 'show', gridAddress, '--json'));
    assert.equal(balance(grid, 'CNY'), String(GRID_START_FEN - 10_000n + 100n));
    const noPrice = await pv('sell', '--key', 'li.json', '--kwh', '1');
    assert.equal(noPrice.code, 2);
    assert.match(noPrice.stderr, /give a price for the offer, or --to-grid/);
    const toGrid = jsonOf<{ status: string; receivedFen: string }>(
      await pv('sell', '--key', 'li.json', '--kwh', '0.2', '--to-grid', '--json'),
    );
    assert.equal(toGrid.receivedFen, '8', '0.2 kWh at the feed-in tariff of 40 fen/kWh');
    const after = jsonOf<Account>(await pv('account', 'show', household, '--json'));
    assert.equal(balance(after, 'kWh'), '1300');
    assert.equal(balance(after, 'CNY'), '9908');
    const text = await pv('buy', '--key', 'li.json', '--kwh', '0.1');
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      /^bought 0\.100 kWh from the grid for 0\.05 CNY\n {2}transaction [0-9a-f]{64} in block \d+/,
    );
  });

  it('issue and meter register (signed by the grid); tx status', async () => {
    const issued = jsonOf<{ status: string }>(
      await pv('issue', '--key', 'grid.json', '--code', 'kWh', '--amount', '1000', '--json'),
    );
    assert.equal(issued.status, 'committed');
    const registered = jsonOf<{ status: string; hash: string; height: string }>(
      await pv(
        'meter',
        'register',
        '--key',
        'grid.json',
        '--id',
        'M-0001',
        '--meter-key',
        hex(publicKey(meterKey(1))),
        '--household',
        household,
        '--trigger-kwh',
        '5',
        '--json',
      ),
    );
    assert.equal(registered.status, 'committed');
    const shown = jsonOf<Account>(await pv('account', 'show', household, '--json'));
    assert.deepEqual(
      shown.account.meters.map((m) => [m.meterId, m.triggerWh]),
      [['M-0001', '5000']],
    );
    const tx = jsonOf<{ status: string; height: string; receipt: { result: string } }>(
      await pv('tx', 'status', registered.hash, '--json'),
    );
    assert.equal(tx.status, 'committed');
    assert.equal(tx.height, registered.height);
    assert.equal(tx.receipt.result, 'RESULT_CODE_OK');
    const text = await pv('tx', 'status', lastHash);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /committed\nblock +\d+ /);
    assert.match(text.stdout, /result +RESULT_CODE_OK/);
  });

  it('account create --count: many key files, each 0600, and on the chain with --creator', async () => {
    const made = jsonOf<{ accounts: { address: string; file: string }[] }>(
      await pv('account', 'create', '--count', '25', '--dir', 'many', '--json'),
    );
    assert.equal(made.accounts.length, 25);
    assert.equal(new Set(made.accounts.map((a) => a.address)).size, 25);
    const files = await readdir(join(dir, 'many'));
    assert.equal(files.length, 25);
    for (const file of files)
      assert.equal((await stat(join(dir, 'many', file))).mode & 0o777, 0o600, file);
    const onChain = jsonOf<{ accounts: { address: string; transaction: { status: string } }[] }>(
      await pv(
        'account',
        'create',
        '--count',
        '3',
        '--dir',
        'street',
        '--creator',
        'grid.json',
        '--name',
        'Lotus Lane',
        '--json',
      ),
    );
    assert.deepEqual(
      onChain.accounts.map((a) => a.transaction.status),
      ['committed', 'committed', 'committed'],
    );
    const third = jsonOf<Account>(
      await pv('account', 'show', onChain.accounts[2]?.address as string, '--json'),
    );
    assert.equal(third.account.realName, 'Lotus Lane 3');
  });

  it('errors: exit codes and messages', async () => {
    const failed = await pv('buy', '--key', 'li.json', '--kwh', '1000', '--max-fen', '5');
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^error: transaction failed \([0-9a-f]{64}\): RESULT_CODE_/);
    const unknown = await pv('tx', 'status', 'ab'.repeat(32));
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /API_TRANSACTION_NOT_FOUND/);
    const unreachable = await runPvchain(['status', '--node', 'http://127.0.0.1:1'], { cwd: dir });
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /cannot reach the node at http:\/\/127\.0\.0\.1:1/);
    const badOption = await pv('buy', '--key', 'li.json', '--kwh', 'lots');
    assert.equal(badOption.code, 2);
    assert.match(badOption.stderr, /option '--kwh <kWh>' argument 'lots' is invalid/);
    await writeFile(join(dir, 'open.json'), JSON.stringify({ secretKey: hex(secretKey(7)) }));
    await chmod(join(dir, 'open.json'), 0o644);
    const readable = await pv(
      'pay',
      '--key',
      'open.json',
      '--to',
      household,
      '--code',
      'CNY',
      '--amount',
      '1',
    );
    assert.equal(readable.code, 2);
    assert.match(readable.stderr, /open\.json may be read by other users: chmod 600 it/);
    const overwrite = await pv('account', 'create', '--out', 'li.json');
    assert.equal(overwrite.code, 2);
    assert.match(overwrite.stderr, /li\.json exists; a key file is never overwritten/);
  });
});
