// A solo validator end to end in one process, on real LevelDB files: transactions admitted,
// committed in blocks, state and ledger kept across a restart.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assetKey } from '../../../node/ledger/account-record.ts';
import type { PvchainNode } from '../../../node/node.ts';
import {
  address,
  GENESIS,
  GRID,
  household,
  op,
  signedTransaction,
} from '../../support/community.ts';
import { commit } from '../../support/solo.ts';
import { createTestSoloNode, tempDirs } from '../../support/temp-solo-node.ts';

const tempDir = tempDirs('pvchain-node-');

async function startNode(dataDir: string): Promise<PvchainNode> {
  const node = await createTestSoloNode(dataDir);
  await node.start();
  return node;
}

it('commits a community into blocks and keeps it across a restart', async () => {
  const dataDir = await tempDir();
  const households = [1, 2, 3].map(household);
  const kwh = assetKey(address(GRID), 'kWh');

  let node = await startNode(dataDir);
  assert.equal(node.chain.height(), 0n, 'the genesis block');
  await commit(node, [signedTransaction(GENESIS, 1n, [op.createGrid(GRID)])]);
  await commit(node, [
    signedTransaction(GRID, 1n, [
      op.issue('kWh', 10_000_000_000n),
      ...households.map(op.createHousehold),
    ]),
  ]);
  const payments = households.map((h, i) =>
    signedTransaction(GRID, BigInt(2 + i), [op.pay(h, 'kWh', 1_000_000n * BigInt(i + 1))]),
  );
  const [firstPayment] = await commit(node, payments);
  const state = node.chain.state();
  assert.equal(state.get(address(household(3)))?.balances.get(kwh), 3_000_000n);
  assert.equal(state.get(address(GRID))?.balances.get(kwh), 10_000_000_000n - 6_000_000n);
  assert.equal(state.get(address(GRID))?.nonce, 4n);
  const height = node.chain.height();
  await node.stop();

  node = await startNode(dataDir);
  assert.equal(node.chain.height(), height);
  assert.equal(
    node.chain
      .state()
      .get(address(household(2)))
      ?.balances.get(kwh),
    2_000_000n,
  );
  assert.equal(node.chain.state().get(address(GRID))?.nonce, 4n);
  const [next] = await commit(node, [
    signedTransaction(household(1), 1n, [op.pay(household(2), 'kWh', 1n)]),
  ]);
  assert.ok((next?.height ?? 0n) > height && (firstPayment?.height ?? 0n) > 0n);
  assert.equal(
    node.chain
      .state()
      .get(address(household(2)))
      ?.balances.get(kwh),
    2_000_001n,
  );
  await node.stop();
});
