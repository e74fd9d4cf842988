// A gossiped batch admitted to a real pool in one call: one verdict per transaction (accept what
// went in, ignore what is valid but not poolable, reject what is malformed or wrongly signed),
// one batch verification, and the primary nudged only when something went in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressBytesFromPublicKey, verifyBatch } from '../../../../assembly/bindings/crypto.ts';
import { createAccountRecord } from '../../../../node/ledger/account-record.ts';
import { createWorldState } from '../../../../node/ledger/world-state.ts';
import { createMempool } from '../../../../node/mempool/mempool.ts';
import { admitGossiped, transactionVerdict } from '../../../../node/network/transaction-gossip.ts';
import { pvchain } from '../../../../proto/index.ts';
import {
  address,
  CHAIN_ID,
  GRID,
  household,
  op,
  signedTransaction,
} from '../../../support/community.ts';

function setup() {
  const accounts = createWorldState({
    accounts: [household(1), household(2)].map((n) =>
      createAccountRecord({
        address: address(n),
        role: pvchain.v1.AccountRole.ACCOUNT_ROLE_HOUSEHOLD,
      }),
    ),
  });
  const verifyCalls: number[] = [];
  const mempool = createMempool(
    {
      chainId: CHAIN_ID,
      hash: 'sha256',
      maxTransactions: 100,
      maxPerAccount: 10,
      maxNonceGap: 10,
      maxAgeMs: 60_000,
    },
    {
      accounts,
      verifyBatch: (items) => {
        verifyCalls.push(items.length);
        return verifyBatch(items);
      },
      addressOf: addressBytesFromPublicKey,
      nowMs: () => 1_000,
    },
  );
  return { mempool, verifyCalls };
}

const pay = (from: number, nonce: bigint) =>
  signedTransaction(household(from), nonce, [op.pay(GRID, 'kWh', 1n)]);

describe('gossiped transactions into the pool', () => {
  it('admits a batch with one batch verification and answers one verdict each', async () => {
    const { mempool, verifyCalls } = setup();
    let nudged = 0;
    const validate = admitGossiped(mempool, () => nudged++);
    const verdicts = await validate([pay(1, 1n), pay(2, 1n), pay(1, 2n)]);
    assert.deepEqual(verdicts, ['accept', 'accept', 'accept']);
    assert.deepEqual(verifyCalls, [3]);
    assert.equal(nudged, 1);
    assert.equal(mempool.size(), 3);
  });

  it('ignores what is valid but not poolable, without nudging the primary', async () => {
    const { mempool } = setup();
    let nudged = 0;
    const validate = admitGossiped(mempool, () => nudged++);
    await validate([pay(1, 1n)]);
    const unknown = signedTransaction(household(9), 1n, [op.pay(GRID, 'kWh', 1n)]);
    assert.deepEqual(await validate([pay(1, 1n), unknown]), ['ignore', 'ignore']);
    assert.equal(nudged, 1);
  });

  it('rejects a malformed or wrongly signed transaction, and admits the rest', async () => {
    const { mempool } = setup();
    const forged = pay(2, 1n);
    forged[forged.length - 1] = (forged[forged.length - 1] as number) ^ 1;
    const verdicts = await admitGossiped(mempool, () => {})([
      pay(1, 1n),
      forged,
      new Uint8Array([1, 2, 3]),
    ]);
    assert.deepEqual(verdicts, ['accept', 'reject', 'reject']);
    assert.equal(mempool.size(), 1);
  });

  it('has no verdict but ignore for a missing answer', () => {
    assert.equal(transactionVerdict(undefined), 'ignore');
  });
});
