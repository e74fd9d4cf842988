// The API on the four-validator network (real `pvchain node` processes, each with a webserver):
// a submission with wait=committed answers once the block is final, and two validators serve the
// same block, each with a 2f+1 commit certificate of its own.
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { decodeSignedTransaction } from '../../light-client/transactions/index.ts';
import {
  address,
  CHAIN_ID,
  GRID,
  hex,
  household,
  op,
  signedTransaction,
} from '../support/community.ts';
import { createTestNetwork, type TestNetwork } from '../support/network.ts';
import { connectWs } from '../support/ws-client.ts';

let net: TestNetwork | undefined;
after(() => net?.close());

// biome-ignore lint/suspicious/noExplicitAny: the solo tests check the shapes against the document
async function getJson(url: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

it('commits a submission with wait=committed and serves the same block from two validators', {
  timeout: 180_000,
}, async () => {
  const n = await createTestNetwork();
  net = n;
  for (let i = 0; i < 4; i++) n.start(i);
  await n.waitFor(
    'every validator ready with its API',
    () =>
      n.validators.every((v) => v.events.some((e) => e.event === 'ready' && e.api === v.apiUrl)),
    60_000,
  );
  const [first, second] = n.validators as [
    TestNetwork['validators'][0],
    TestNetwork['validators'][0],
  ];
  const status = await getJson(`${second.apiUrl}/v1/status`);
  assert.equal(status.body.mode, 'validator');
  assert.ok(
    status.body.peers >= 2,
    `ready means a quorum is connected: ${status.body.peers} peers`,
  );

  const h = household(21);
  const tx = signedTransaction(GRID, 1n, [op.createHousehold(h)]);
  const response = await fetch(`${first.apiUrl}/v1/transactions?wait=committed&timeoutMs=30000`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ transactions: [hex(tx)] }),
  });
  const submitted = await response.json();
  assert.equal(response.status, 200);
  assert.equal(submitted.success_count, 1, JSON.stringify(submitted));
  const { height, status: txStatus } = submitted.results[0];
  assert.equal(txStatus, 'committed');

  const fromFirst = await getJson(`${first.apiUrl}/v1/blocks/${height}`);
  await n.waitFor(
    'the second validator to commit it',
    () => second.committed.has(String(height)),
    30_000,
  );
  const fromSecond = await getJson(`${second.apiUrl}/v1/blocks/${height}`);
  assert.equal(fromFirst.status, 200);
  assert.equal(fromSecond.status, 200);
  assert.equal(fromSecond.body.hash, fromFirst.body.hash);
  assert.deepEqual(fromSecond.body.header, fromFirst.body.header);
  // Each validator certifies with the first 2f+1 commits it received: the signers may differ.
  for (const served of [fromFirst, fromSecond]) {
    assert.equal(served.body.commit.blockHash, fromFirst.body.hash);
    assert.equal(served.body.commit.height, String(height));
    assert.ok(served.body.commit.signatures.length >= 3, 'a 2f+1 certificate');
  }
  assert.equal(fromFirst.body.transactions[0].hash, submitted.results[0].hash);
  const account = await getJson(`${second.apiUrl}/v1/accounts/${hex(address(h))}`);
  assert.equal(account.body.account.realName, `Household ${h}`);

  // A transaction another validator admitted reaches this one by gossip: its WebSocket says
  // pending. (Nonce 5 while the grid is at 1: it stays in the pools, never proposed.)
  const later = signedTransaction(GRID, 5n, [op.pay(h, 'kWh', 1n)]);
  const laterHash = hex(decodeSignedTransaction(later, { chainId: CHAIN_ID, hash: 'sha256' }).hash);
  const ws = await connectWs(`${second.apiUrl.replace('http', 'ws')}/v1/ws`, {
    origin: second.apiUrl,
  });
  ws.send({ id: 1, op: 'subscribe', topic: 'transaction', hash: laterHash });
  await ws.next('the status now', (m) => m.type === 'transaction' && m.status === 'unknown');
  const queued = await fetch(`${first.apiUrl}/v1/transactions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ transactions: [hex(later)] }),
  });
  assert.equal((await queued.json()).success_count, 1);
  const pending = await ws.next(
    'pending from gossip',
    (m) => m.type === 'transaction' && m.status === 'pending',
    30_000,
  );
  assert.equal(pending.hash, laterHash);
  ws.socket.close();
});
