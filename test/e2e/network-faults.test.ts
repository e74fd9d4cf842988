// Four validator processes under a stream of transactions: each validator in turn SIGKILLed comes
// back and catches up, with every node agreeing on every block. A primary that sends conflicting
// pre-prepares (a test-only switch) causes no fork and loses its view (the evidence it leaves is
// checked in the PBFT simulation, test/unit/node/consensus/pbft-faults.test.ts).
import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import { GRID, household, op, signedTransaction } from '../support/community.ts';
import {
  assertNoFork,
  createTestNetwork,
  type TestNetwork,
  validatorOrder,
} from '../support/network.ts';

let net: TestNetwork | undefined;
afterEach(async () => {
  await net?.close();
  net = undefined;
});

it('an equivocating primary causes no fork and loses its view', {
  timeout: 180_000,
}, async () => {
  const n = await createTestNetwork();
  net = n;
  // The primary of view 1 is faulty: it sends each validator a block of its own. Once the
  // network runs, the honest primary of view 0 is SIGKILLed: view 1's primary equivocates, and
  // view 2's honest primary takes over.
  const [first, faulty] = validatorOrder() as [number, number];
  for (let i = 0; i < 4; i++) n.start(i, i === faulty ? { PVCHAIN_TEST_FAULTS: 'equivocate' } : {});
  await n.waitFor('height 3 everywhere', () => [0, 1, 2, 3].every((i) => n.height(i) >= 3), 60_000);
  const honest = [0, 1, 2, 3].filter((i) => i !== faulty && i !== first);
  const viewOf = (i: number) =>
    Math.max(0, ...[...(n.validators[i]?.committed.values() ?? [])].map((c) => Number(c.view)));
  await n.kill(first);
  await n.waitFor(
    'honest validators commit past the faulty view',
    () => honest.every((i) => viewOf(i) >= 2),
    60_000,
  );
  n.start(first);
  assert.ok(assertNoFork(n) >= 3);
  // Evidence (both signed pre-prepares) is checked in the PBFT simulation, where the faulty
  // primary is sure to propose: here the view change may pass it by before it does.
});

it('each validator SIGKILLed in turn under load catches up without a fork', {
  timeout: 300_000,
}, async () => {
  const n = await createTestNetwork();
  net = n;
  for (let i = 0; i < 4; i++) n.start(i);
  await n.waitFor(
    'height 2 on all four',
    () => [0, 1, 2, 3].every((i) => n.height(i) >= 2),
    60_000,
  );
  const homes = [1, 2, 3, 4, 5, 6, 7, 8].map(household);
  await n.gossip([]);
  await n.waitFor('the client joined', () => n.peerCount() >= 4, 30_000);
  // A publish that fails (P2P_NO_PEERS) is sent again with the same nonce: a lost nonce would
  // hold back every later transaction of the account.
  const publish = async (tx: Uint8Array): Promise<boolean> =>
    n.gossip([tx]).then(
      () => true,
      () => false,
    );
  let nonce = 1n;
  const first = signedTransaction(GRID, nonce, homes.map(op.createHousehold));
  await n.gossipWhenSubscribed([first]);
  await n.waitFor('the first transaction committed', () => n.committedTransactions(0) >= 1, 60_000);
  let loading = true;
  const load = (async () => {
    while (loading) {
      const tx = signedTransaction(GRID, nonce + 1n, [
        op.pay(homes[Number((nonce + 1n) % 8n)] as number, 'kWh', 1n),
      ]);
      if (await publish(tx)) nonce += 1n;
      await new Promise((resolve) => setTimeout(resolve, 20)); // about 50 tx/s offered
    }
  })();
  const maxHeight = () => Math.max(...[0, 1, 2, 3].map((i) => n.height(i)));
  for (let victim = 0; victim < 4; victim++) {
    await n.kill(victim);
    const heldBeforeKill = n.height(victim);
    const before = maxHeight();
    const others = [0, 1, 2, 3].filter((i) => i !== victim);
    await n.waitFor(
      `commits go on without node ${victim}`,
      () => others.every((i) => n.height(i) >= before + 2),
      60_000,
    );
    const readyBefore = n.validators[victim]?.events.filter((e) => e.event === 'ready').length ?? 0;
    n.start(victim);
    const target = maxHeight();
    const ready = () => n.validators[victim]?.events.filter((e) => e.event === 'ready') ?? [];
    await n.waitFor(`node ${victim} ready again`, () => ready().length > readyBefore, 60_000);
    const reopenedAt = Number(ready().at(-1)?.height);
    assert.ok(
      reopenedAt >= heldBeforeKill,
      `node ${victim} reopened at ${reopenedAt}, below the ${heldBeforeKill} it had committed`,
    );
    await n.waitFor(`node ${victim} caught up`, () => n.height(victim) > target, 60_000);
  }
  loading = false;
  await load;
  const final = maxHeight();
  await n.waitFor(
    'all four at the head',
    () => [0, 1, 2, 3].every((i) => n.height(i) >= final),
    60_000,
  );
  assert.ok(assertNoFork(n) > 8);
  const committed = n.committedTransactions(0);
  assert.ok(committed > 10, `transactions were committed under load (${committed})`);
});
