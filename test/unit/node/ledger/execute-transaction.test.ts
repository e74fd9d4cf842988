// One test per rule of the ledger, each asserting its result code and the state after it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assetKey } from '../../../../node/ledger/account-record.ts';
import { bigintToLong, pvchain } from '../../../../proto/index.ts';
import { addressOf, key } from '../../light-client/transactions/sample-transactions.ts';
import { createLedger, GENESIS_KEY, Op, ops, Role, resultOf } from './ledger-harness.ts';

const GRID = 10;
const ALICE = 20;
const BOB = 21;
const KWH = assetKey(addressOf(key(GRID)), 'kWh');
const Supply = pvchain.v1.SupplyStatus;

/** Genesis, a grid with 10,000,000 kWh (in Wh), and two households. */
function community() {
  const ledger = createLedger();
  assert.equal(resultOf(ledger.run(GENESIS_KEY, [ops.createGrid(GRID)])), 'RESULT_CODE_OK');
  assert.equal(
    resultOf(
      ledger.run(GRID, [
        ops.issue('kWh', 10_000_000_000n),
        ops.createHousehold(ALICE),
        ops.createHousehold(BOB),
      ]),
    ),
    'RESULT_CODE_OK',
  );
  return ledger;
}

describe('ledger: accounts and roles', () => {
  it('the genesis account creates a grid, the grid creates households with their real names', () => {
    const ledger = community();
    assert.equal(ledger.account(GRID)?.role, Role.ACCOUNT_ROLE_GRID);
    assert.deepEqual(ledger.account(GRID)?.creator, addressOf(key(GENESIS_KEY)));
    assert.equal(ledger.account(ALICE)?.role, Role.ACCOUNT_ROLE_HOUSEHOLD);
    assert.equal(ledger.account(ALICE)?.realName, 'Household 20');
    assert.equal(ledger.account(ALICE)?.supplyStatus, Supply.SUPPLY_STATUS_SUSPENDED);
  });

  it('refuses a grid creating a grid, a household creating a household, genesis creating a household', () => {
    const ledger = community();
    assert.equal(resultOf(ledger.run(GRID, [ops.createGrid(30)])), 'RESULT_CODE_NOT_PERMITTED');
    assert.equal(
      resultOf(ledger.run(ALICE, [ops.createHousehold(31)])),
      'RESULT_CODE_NOT_PERMITTED',
    );
    assert.equal(
      resultOf(ledger.run(GENESIS_KEY, [ops.createHousehold(32)])),
      'RESULT_CODE_NOT_PERMITTED',
    );
    assert.equal(ledger.account(30) ?? ledger.account(31) ?? ledger.account(32), undefined);
  });

  it('refuses an account that exists', () => {
    const ledger = community();
    assert.equal(
      resultOf(ledger.run(GRID, [ops.createHousehold(ALICE)])),
      'RESULT_CODE_ACCOUNT_EXISTS',
    );
  });
});

describe('ledger: assets', () => {
  it('a grid issues credit to itself; a household may not issue, and its nonce is consumed', () => {
    const ledger = community();
    assert.equal(ledger.account(GRID)?.balances.get(KWH), 10_000_000_000n);
    assert.equal(resultOf(ledger.run(ALICE, [ops.issue('kWh', 5n)])), 'RESULT_CODE_NOT_PERMITTED');
    assert.equal(ledger.account(ALICE)?.balances.size, 0);
    assert.equal(ledger.account(ALICE)?.nonce, 1n);
  });

  it('a payment moves credit and switches the household supply on, and off at zero', () => {
    const ledger = community();
    assert.equal(
      resultOf(ledger.run(GRID, [ops.pay(ALICE, GRID, 'kWh', 1_000_000n)])),
      'RESULT_CODE_OK',
    );
    assert.equal(ledger.account(ALICE)?.balances.get(KWH), 1_000_000n);
    assert.equal(ledger.account(GRID)?.balances.get(KWH), 9_999_000_000n);
    assert.equal(ledger.account(ALICE)?.supplyStatus, Supply.SUPPLY_STATUS_ACTIVE);
    assert.equal(
      resultOf(ledger.run(ALICE, [ops.pay(BOB, GRID, 'kWh', 1_000_000n)])),
      'RESULT_CODE_OK',
    );
    assert.equal(ledger.account(ALICE)?.supplyStatus, Supply.SUPPLY_STATUS_SUSPENDED);
    assert.equal(ledger.account(BOB)?.supplyStatus, Supply.SUPPLY_STATUS_ACTIVE);
  });

  it('refuses paying more than the balance and rolls back the whole transaction', () => {
    const ledger = community();
    ledger.run(GRID, [ops.pay(ALICE, GRID, 'kWh', 100n)]);
    const outcome = ledger.run(ALICE, [
      ops.pay(BOB, GRID, 'kWh', 60n),
      ops.pay(BOB, GRID, 'kWh', 60n),
    ]);
    assert.equal(resultOf(outcome), 'RESULT_CODE_INSUFFICIENT_BALANCE');
    assert.equal(outcome.kind === 'executed' && outcome.receipt.failedOperation, 2);
    assert.equal(ledger.account(ALICE)?.balances.get(KWH), 100n);
    assert.equal(ledger.account(BOB)?.balances.get(KWH), undefined);
    assert.equal(ledger.account(ALICE)?.nonce, 1n);
  });

  it('refuses a payment to an account that does not exist', () => {
    const ledger = community();
    assert.equal(
      resultOf(ledger.run(GRID, [ops.pay(99, GRID, 'kWh', 1n)])),
      'RESULT_CODE_ACCOUNT_NOT_FOUND',
    );
  });

  it('refuses a balance above 2^64 - 1', () => {
    const ledger = community();
    assert.equal(
      resultOf(ledger.run(GRID, [ops.issue('kWh', 2n ** 64n - 1n)])),
      'RESULT_CODE_BALANCE_OVERFLOW',
    );
    assert.equal(ledger.account(GRID)?.balances.get(KWH), 10_000_000_000n);
  });
});

describe('ledger: who may send a transaction', () => {
  it("no key but the household's own moves its credit: the grid's signature is not enough", () => {
    const ledger = community();
    ledger.run(GRID, [ops.pay(ALICE, GRID, 'kWh', 100n)]);
    assert.equal(
      resultOf(ledger.run(ALICE, [ops.pay(GRID, GRID, 'kWh', 100n)], { signers: [GRID] })),
      'excluded:RESULT_CODE_INSUFFICIENT_WEIGHT',
    );
    assert.equal(ledger.account(ALICE)?.nonce, 0n);
    assert.equal(ledger.account(ALICE)?.balances.get(KWH), 100n);
  });

  it('excludes an unknown source, a wrong nonce and an expired transaction without touching state', () => {
    const ledger = community();
    assert.equal(
      resultOf(ledger.run(77, [ops.issue('kWh', 1n)])),
      'excluded:RESULT_CODE_SOURCE_NOT_FOUND',
    );
    assert.equal(
      resultOf(ledger.run(GRID, [ops.issue('kWh', 1n)], { nonce: 5n })),
      'excluded:RESULT_CODE_BAD_NONCE',
    );
    assert.equal(
      resultOf(ledger.run(GRID, [ops.issue('kWh', 1n)], { nonce: 1n })),
      'excluded:RESULT_CODE_BAD_NONCE',
    );
    ledger.height = 10n;
    assert.equal(
      resultOf(ledger.run(GRID, [ops.issue('kWh', 1n)], { expiry: 9n })),
      'excluded:RESULT_CODE_EXPIRED',
    );
    assert.equal(ledger.account(GRID)?.nonce, 1n);
    assert.equal(ledger.account(GRID)?.balances.get(KWH), 10_000_000_000n);
  });

  it('a signer added with enough weight signs alone; a type threshold raises the bar for its type', () => {
    const ledger = community();
    const setSigner = {
      type: Op.OPERATION_TYPE_SET_SIGNER_WEIGHT,
      setSignerWeight: { signers: [{ address: addressOf(key(50)), weight: 1 }] },
    };
    assert.equal(resultOf(ledger.run(GRID, [setSigner])), 'RESULT_CODE_OK');
    assert.equal(
      resultOf(ledger.run(GRID, [ops.issue('CNY', 5n)], { signers: [50] })),
      'RESULT_CODE_OK',
    );
    const raise = {
      type: Op.OPERATION_TYPE_SET_THRESHOLD,
      setThreshold: {
        typeThresholds: [{ type: Op.OPERATION_TYPE_ISSUE_ASSET, threshold: bigintToLong(2n) }],
      },
    };
    assert.equal(resultOf(ledger.run(GRID, [raise])), 'RESULT_CODE_OK');
    assert.equal(
      resultOf(ledger.run(GRID, [ops.issue('CNY', 5n)])),
      'excluded:RESULT_CODE_INSUFFICIENT_WEIGHT',
    );
    assert.equal(
      resultOf(ledger.run(GRID, [ops.issue('CNY', 5n)], { signers: [GRID, 50] })),
      'RESULT_CODE_OK',
    );
  });

  it('refuses permissions that would lock the account out', () => {
    const ledger = community();
    const noKeys = {
      type: Op.OPERATION_TYPE_SET_SIGNER_WEIGHT,
      setSignerWeight: { masterWeight: { value: 0 } },
    };
    assert.equal(resultOf(ledger.run(ALICE, [noKeys])), 'RESULT_CODE_INVALID_OPERATION');
    const unreachable = {
      type: Op.OPERATION_TYPE_SET_THRESHOLD,
      setThreshold: { txThreshold: bigintToLong(2n) },
    };
    assert.equal(resultOf(ledger.run(ALICE, [unreachable])), 'RESULT_CODE_INVALID_OPERATION');
    assert.equal(ledger.account(ALICE)?.permissions.masterWeight, 1);
  });
});

describe('ledger: metadata, names, contract code refused', () => {
  it('sets metadata with a version guard', () => {
    const ledger = community();
    const set = (expected: bigint) => ({
      type: Op.OPERATION_TYPE_SET_METADATA,
      setMetadata: {
        key: 'tariff',
        value: new Uint8Array([1]),
        expectedVersion: bigintToLong(expected),
      },
    });
    assert.equal(resultOf(ledger.run(GRID, [set(0n)])), 'RESULT_CODE_OK');
    assert.equal(resultOf(ledger.run(GRID, [set(1n)])), 'RESULT_CODE_OK');
    assert.equal(resultOf(ledger.run(GRID, [set(1n)])), 'RESULT_CODE_METADATA_VERSION_MISMATCH');
    assert.equal(ledger.account(GRID)?.metadata.get('tariff')?.version, 2n);
  });

  it('a household changes its real name; a grid has none to change', () => {
    const ledger = community();
    const rename = (name: string) => ({
      type: Op.OPERATION_TYPE_SET_REAL_NAME,
      setRealName: { realName: name },
    });
    assert.equal(resultOf(ledger.run(ALICE, [rename('王秀英')])), 'RESULT_CODE_OK');
    assert.equal(ledger.account(ALICE)?.realName, '王秀英');
    assert.equal(resultOf(ledger.run(GRID, [rename('Grid')])), 'RESULT_CODE_NOT_PERMITTED');
  });

  it('refuses a truncated contract module at deploy, consuming the nonce', () => {
    const ledger = community();
    const deploy = {
      type: Op.OPERATION_TYPE_DEPLOY_CONTRACT,
      deployContract: { code: new Uint8Array([0, 97, 115, 109]) },
    };
    assert.equal(resultOf(ledger.run(GRID, [deploy])), 'RESULT_CODE_INVALID_CONTRACT_CODE');
    assert.equal(ledger.account(GRID)?.nonce, 2n);
  });
});
