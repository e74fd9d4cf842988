// Contracts in the ledger: deployment checks, calls through the host, failed calls rolled back
// with their gas and nonce spent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleContractWasm } from '../../../../light-client/contracts/energy/index.ts';
import type { TransactionOutcome } from '../../../../node/ledger/execute-transaction.ts';
import { longToBigint, pvchain } from '../../../../proto/index.ts';
import { wat } from '../../../support/wat.ts';
import { addressOf, key } from '../../light-client/transactions/sample-transactions.ts';
import { createLedger, GENESIS_KEY, Op, ops, resultOf } from './ledger-harness.ts';

const GRID = 10;
const ALICE = 20;
const GAS = 1_000_000n;

function community() {
  const ledger = createLedger();
  assert.equal(resultOf(ledger.run(GENESIS_KEY, [ops.createGrid(GRID)])), 'RESULT_CODE_OK');
  assert.equal(resultOf(ledger.run(GRID, [ops.createHousehold(ALICE)])), 'RESULT_CODE_OK');
  return ledger;
}

const deploy = (code: Uint8Array, initInput = new Uint8Array(0)) => ({
  type: Op.OPERATION_TYPE_DEPLOY_CONTRACT,
  deployContract: { code, initInput },
});
const call = (contract: Uint8Array, method: string, input = new Uint8Array(0)) => ({
  type: Op.OPERATION_TYPE_CALL_CONTRACT,
  callContract: { contract, method, input },
});
const receiptOf = (outcome: TransactionOutcome): pvchain.v1.Receipt.$Properties => {
  assert.equal(outcome.kind, 'executed');
  return outcome.kind === 'executed' ? outcome.receipt : {};
};
const u64le = (value: bigint) => {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, value, true);
  return bytes;
};
const gasOf = (r: pvchain.v1.Receipt.$Properties) => longToBigint(r.gasUsed ?? 0);

// Writes a storage key, then loops forever.
const SPINNER = `(module
  (import "env" "storage_write" (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1 1)
  (data (i32.const 0) "spun")
  (func (export "spin")
    (call $write (i32.const 0) (i32.const 4) (i32.const 0) (i32.const 4))
    (loop $forever (br $forever))))`;

describe('ledger: contracts', () => {
  it('deploys the example contract, runs its init, and calls it with events and output', () => {
    const ledger = community();
    const deployed = receiptOf(
      ledger.run(GRID, [deploy(exampleContractWasm())], { gasLimit: GAS }),
    );
    assert.equal(pvchain.v1.ResultCode[deployed.result ?? 0], 'RESULT_CODE_OK');
    const contract = deployed.contractAddress as Uint8Array;
    assert.equal(contract.length, 23);
    assert.equal(ledger.state.get(contract)?.role, pvchain.v1.AccountRole.ACCOUNT_ROLE_CONTRACT);
    assert.ok(gasOf(deployed) > 0n, 'init ran and was charged');

    const first = receiptOf(
      ledger.run(ALICE, [call(contract, 'increment', u64le(5n))], { gasLimit: GAS }),
    );
    const second = receiptOf(
      ledger.run(ALICE, [call(contract, 'increment', u64le(2n))], { gasLimit: GAS }),
    );
    assert.deepEqual(second.output, u64le(7n));
    assert.equal(new TextDecoder().decode(second.events?.[0]?.topic as Uint8Array), 'incremented');
    assert.deepEqual(second.events?.[0]?.contract, contract);
    const third = receiptOf(
      ledger.run(ALICE, [call(contract, 'increment', u64le(1n))], { gasLimit: GAS }),
    );
    assert.deepEqual(third.output, u64le(8n));
    assert.ok(gasOf(first) > 0n);
    assert.equal(gasOf(third), gasOf(second), 'the same path costs the same gas');

    const reset = receiptOf(ledger.run(ALICE, [call(contract, 'reset')], { gasLimit: GAS }));
    assert.equal(pvchain.v1.ResultCode[reset.result ?? 0], 'RESULT_CODE_CONTRACT_REVERTED');
    assert.deepEqual(reset.events, []);
    assert.ok(gasOf(reset) > 0n, 'a revert still costs its gas');
  });

  it('stops an endless loop with out of gas: state unchanged, nonce consumed', () => {
    const ledger = community();
    const deployed = receiptOf(ledger.run(GRID, [deploy(wat(SPINNER))], { gasLimit: GAS }));
    const contract = deployed.contractAddress as Uint8Array;
    const rootBefore = ledger.state.get(contract)?.storageRoot;
    const nonceBefore = ledger.account(ALICE)?.nonce ?? 0n;
    const spun = receiptOf(ledger.run(ALICE, [call(contract, 'spin')], { gasLimit: 50_000n }));
    assert.equal(pvchain.v1.ResultCode[spun.result ?? 0], 'RESULT_CODE_OUT_OF_GAS');
    assert.equal(gasOf(spun), 50_000n);
    assert.equal(ledger.state.storageRead(contract, new TextEncoder().encode('spun')), undefined);
    assert.deepEqual(ledger.state.get(contract)?.storageRoot, rootBefore);
    assert.equal(ledger.account(ALICE)?.nonce, nonceBefore + 1n);
    const noGas = receiptOf(ledger.run(ALICE, [call(contract, 'spin')]));
    assert.equal(
      pvchain.v1.ResultCode[noGas.result ?? 0],
      'RESULT_CODE_OUT_OF_GAS',
      'gas_limit 0 runs nothing',
    );
  });

  it('refuses a memory bomb, floats, foreign imports and a household deployer', () => {
    const ledger = community();
    const refused = [
      '(module (memory (export "memory") 1024 1024))',
      '(module (memory (export "memory") 1))',
      '(module (memory (export "memory") 1 1) (func (export "f") (result i64) (i64.trunc_f64_s (f64.const 1.5))))',
      '(module (import "env" "random" (func)) (memory (export "memory") 1 1))',
    ];
    for (const text of refused) {
      const receipt = receiptOf(ledger.run(GRID, [deploy(wat(text))], { gasLimit: GAS }));
      assert.equal(
        pvchain.v1.ResultCode[receipt.result ?? 0],
        'RESULT_CODE_INVALID_CONTRACT_CODE',
        text,
      );
    }
    const household = receiptOf(
      ledger.run(ALICE, [deploy(exampleContractWasm())], { gasLimit: GAS }),
    );
    assert.equal(pvchain.v1.ResultCode[household.result ?? 0], 'RESULT_CODE_NOT_PERMITTED');
    assert.equal(ledger.state.size(), 3, 'no contract account was created');
  });

  it('names a missing contract and keeps ledger-only entries closed', () => {
    const ledger = community();
    const missing = receiptOf(
      ledger.run(ALICE, [call(addressOf(key(99)), 'increment')], { gasLimit: GAS }),
    );
    assert.equal(pvchain.v1.ResultCode[missing.result ?? 0], 'RESULT_CODE_CONTRACT_NOT_FOUND');
    const deployed = receiptOf(
      ledger.run(GRID, [deploy(exampleContractWasm())], { gasLimit: GAS }),
    );
    for (const method of ['init', 'system_meter_reading']) {
      const receipt = receiptOf(
        ledger.run(ALICE, [call(deployed.contractAddress as Uint8Array, method)], {
          gasLimit: GAS,
        }),
      );
      assert.equal(pvchain.v1.ResultCode[receipt.result ?? 0], 'RESULT_CODE_NOT_PERMITTED', method);
    }
  });
});
