import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  chainRulesOf,
  GenesisError,
  genesisAccounts,
  parseGenesis,
} from '../../../../node/ledger/genesis.ts';
import { pvchain } from '../../../../proto/index.ts';
import { addressOf } from '../../light-client/transactions/sample-transactions.ts';

const key = (n: number) => n.toString(16).padStart(2, '0').repeat(32);
const good = {
  chainId: 'lianhua-pv-1',
  timeMs: 1_732_400_000_000,
  genesisAccount: { publicKey: key(1) },
  validators: [{ publicKey: key(2) }],
};

it('reads a genesis file with defaults for the hash and the asset codes', () => {
  const genesis = parseGenesis(JSON.stringify(good));
  assert.deepEqual(chainRulesOf(genesis), {
    chainId: 'lianhua-pv-1',
    hash: 'sha256',
    energyCode: 'kWh',
    moneyCode: 'CNY',
    energyContract: undefined,
    validators: {
      genesisAccount: addressOf(new Uint8Array(32).fill(1)),
      genesisValidators: genesis.validators.map((v) => ({
        address: addressOf(v.publicKey),
        publicKey: v.publicKey,
        votingPower: 1n,
      })),
    },
  });
  assert.equal(genesis.validators[0]?.power, 1);
  const [account] = genesisAccounts(genesis);
  assert.equal(account?.role, pvchain.v1.AccountRole.ACCOUNT_ROLE_GENESIS);
  assert.deepEqual(account?.address, addressOf(new Uint8Array(32).fill(1)));
});

it('names every field that is wrong and what was expected', () => {
  const bad = {
    ...good,
    chainId: 'X',
    hash: 'md5',
    validators: [],
    extra: true,
    genesisAccount: { publicKey: 'abc' },
  };
  try {
    parseGenesis(JSON.stringify(bad));
    assert.fail('accepted');
  } catch (error) {
    assert.ok(error instanceof GenesisError);
    assert.equal(error.code, 'GENESIS_INVALID');
    const fields = error.issues.map((i) => i.field).sort();
    assert.deepEqual(fields, [
      '(root)',
      'chainId',
      'genesisAccount.publicKey',
      'hash',
      'validators',
    ]);
    assert.match(
      error.message,
      /genesisAccount\.publicKey: expected 32 bytes as 64 lowercase hex characters/,
    );
  }
});

it('says when the file is not JSON', () => {
  assert.throws(
    () => parseGenesis('{'),
    (e: unknown) => e instanceof GenesisError && e.issues[0]?.field === '(file)',
  );
});

it('starts households with their meters and the credit their grid paid them', () => {
  const genesis = parseGenesis(
    JSON.stringify({
      ...good,
      grids: [{ publicKey: key(3), realName: 'Grid', energyWh: 1_000_000, moneyFen: 5_000 }],
      households: [
        {
          publicKey: key(4),
          realName: 'Li Wei',
          grid: key(3),
          energyWh: 300_000,
          moneyFen: 5_000,
          meter: { meterId: 'MTR-1', publicKey: key(5) },
        },
      ],
    }),
  );
  const [, grid, household] = genesisAccounts(genesis);
  const g = (code: string) => `${Buffer.from(grid?.address ?? []).toString('hex')}/${code}`;
  assert.equal(grid?.balances.get(g('kWh')), 700_000n);
  assert.equal(grid?.balances.has(g('CNY')), false, 'a zero balance is not kept');
  assert.equal(household?.balances.get(g('kWh')), 300_000n);
  assert.equal(household?.realName, 'Li Wei');
  assert.deepEqual(household?.creator, grid?.address);
  assert.equal(household?.supplyStatus, pvchain.v1.SupplyStatus.SUPPLY_STATUS_ACTIVE);
  assert.deepEqual(household?.meters.get('MTR-1')?.publicKey, new Uint8Array(32).fill(5));
});

it('refuses households of an unknown grid, duplicate meters and credit the grid never issued', () => {
  const household = (n: number, grid: number, energyWh: number) => ({
    publicKey: key(n),
    realName: `H${n}`,
    grid: key(grid),
    energyWh,
    meter: { meterId: 'MTR-1', publicKey: key(n + 10) },
  });
  try {
    parseGenesis(
      JSON.stringify({
        ...good,
        grids: [{ publicKey: key(3), realName: 'Grid', energyWh: 100 }],
        households: [household(4, 3, 80), household(5, 3, 80), household(6, 9, 0)],
      }),
    );
    assert.fail('accepted');
  } catch (error) {
    assert.ok(error instanceof GenesisError);
    assert.deepEqual(error.issues.map((i) => i.field).sort(), [
      'households',
      'households.1.meter.meterId',
      'households.2.grid',
      'households.2.meter.meterId',
    ]);
  }
});
