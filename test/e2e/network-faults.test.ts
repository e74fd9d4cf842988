// Four validator processes under a stream of transactions: each validator in turn SIGKILLed comes
// back and catches up, with every node agreeing on every block. A primary that sends conflicting
// pre-prepares (a test-only switch) causes no fork and loses its view
// (the evidence it leaves is checked in the PBFT simulation, test/unit/node/consensus/).
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
  // The primary of view 1 is faulty. Once the network runs, the honest primary of view 0 is
  // SIGKILLed: view 1's primary equivocates, and view 2's honest primary takes over.
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
  let nonce = 1n;
  const sent: Uint8Array[] = [signedTransaction(GRID, nonce, homes.map(op.createHousehold))];
  let loading = true;
  const load = (async () => {
    while (loading) {
      nonce += 1n;
      const tx = signedTransaction(GRID, nonce, [
        op.pay(homes[Number(nonce % 8n)] as number, 'kWh', 1n),
      ]);
      sent.push(tx);
      await n.gossip([tx]).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 20)); // about 50 tx/s offered
    }
  })();
  await n.gossip(sent.slice(0, 1)).catch(() => {});
  const maxHeight = () => Math.max(...[0, 1, 2, 3].map((i) => n.height(i)));
  for (let victim = 0; victim < 4; victim++) {
    await n.kill(victim);
    const before = maxHeight();
    const others = [0, 1, 2, 3].filter((i) => i !== victim);
    await n.waitFor(
      `commits go on without node ${victim}`,
      () => others.every((i) => n.height(i) >= before + 2),
      60_000,
    );
    n.start(victim);
    const target = maxHeight();
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
  const committed = n.validators[0]?.events
    .filter((e) => e.event === 'committed')
    .reduce((s, e) => s + Number(e.transactions), 0);
  assert.ok((committed ?? 0) > 10, `transactions were committed under load (${committed})`);
});
