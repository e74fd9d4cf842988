// The node's WebSocket (/v1/ws) against a running solo validator: new headers arrive, a
// transaction's status goes pending -> committed, an account change arrives, and bad frames are
// answered with error codes without closing the connection (an oversized one closes it).
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import WebSocket from 'ws';
import { hash } from '../../assembly/bindings/crypto.ts';
import { pvchain } from '../../proto/index.ts';
import { address, GRID, hex, household, op, signedTransaction } from '../support/community.ts';
import { connectWs } from '../support/ws-client.ts';
import { type ApiHarness, startApiNode } from '../unit/node/api/api-harness.ts';

let api: ApiHarness;
before(async () => {
  api = await startApiNode({}, { blockIntervalMs: 200 });
});
after(() => api?.stop());

const connect = (headers: Record<string, string> = {}) =>
  connectWs(`${api.url.replace('http', 'ws')}/v1/ws`, headers);

it('streams headers, a transaction pending then committed, and account changes', async () => {
  const ws = await connect();
  const h = household(7);
  const create = signedTransaction(GRID, 1n, [op.createHousehold(h)]);
  await api.post('/v1/transactions', '/v1/transactions?wait=committed', {
    transactions: [hex(create)],
  });

  ws.send({ id: 1, op: 'subscribe', topic: 'headers' });
  ws.send({ id: 2, op: 'subscribe', topic: 'accounts', addresses: [hex(address(h))] });
  const headers = await ws.next('subscribed headers', (m) => m.type === 'subscribed' && m.id === 1);
  const header = await ws.next(
    'a header',
    (m) => m.type === 'header' && m.subscription === headers.subscription,
  );
  assert.equal((header.header as { height: string }).height, header.height);
  assert.match(String(header.hash), /^[0-9a-f]{64}$/);
  const accounts = await ws.next(
    'subscribed accounts',
    (m) => m.type === 'subscribed' && m.id === 2,
  );
  const initial = await ws.next(
    'the account now',
    (m) => m.type === 'account' && m.subscription === accounts.subscription,
  );
  assert.deepEqual((initial.account as { balances: unknown[] }).balances, []);

  const pay = signedTransaction(GRID, 2n, [op.pay(h, 'kWh', 4321n)]);
  const payHash = hex(hash('sha256', pvchain.v1.SignedTransaction.decode(pay).transaction));
  ws.send({ id: 3, op: 'subscribe', topic: 'transaction', hash: payHash });
  const txSub = await ws.next(
    'subscribed transaction',
    (m) => m.type === 'subscribed' && m.id === 3,
  );
  await ws.next(
    'unknown before submission',
    (m) => m.subscription === txSub.subscription && m.status === 'unknown',
  );
  const submitted = await api.post('/v1/transactions', '/v1/transactions', {
    transactions: [hex(pay)],
  });
  assert.equal(submitted.body.results[0].status, 'pooled');
  await ws.next('pending', (m) => m.subscription === txSub.subscription && m.status === 'pending');
  const committed = await ws.next(
    'committed',
    (m) => m.subscription === txSub.subscription && m.status === 'committed',
  );
  assert.equal(committed.result, 'RESULT_CODE_OK');
  const statuses = ws.received
    .filter((m) => m.subscription === txSub.subscription)
    .map((m) => m.status);
  assert.deepEqual(
    statuses,
    [undefined, 'unknown', 'pending', 'committed'].slice(statuses[0] === undefined ? 0 : 1),
  );
  const changed = await ws.next(
    'the account change',
    (m) =>
      m.type === 'account' &&
      (m.account as { balances: { amount: string }[] }).balances[0]?.amount === '4321',
  );
  assert.equal(changed.height, committed.height);
  ws.send({ id: 4, op: 'unsubscribe', subscription: headers.subscription });
  await ws.next('unsubscribed', (m) => m.type === 'unsubscribed' && m.id === 4);
  ws.socket.close();
});

it('answers bad frames with error codes and closes on an oversized one', async () => {
  const ws = await connect();
  const cases: [unknown, string][] = [
    ['{not json', 'API_MALFORMED_BODY'],
    [{ id: 'a', op: 'subscribe', topic: 'weather' }, 'API_INVALID_PARAMETER'],
    [{ id: 'b', op: 'subscribe', topic: 'transaction', hash: 'xyz' }, 'API_INVALID_PARAMETER'],
    [{ id: 'c', op: 'subscribe', topic: 'accounts', addresses: ['a001'] }, 'API_INVALID_PARAMETER'],
    [{ id: 'd', op: 'unsubscribe', subscription: 's999' }, 'API_INVALID_PARAMETER'],
  ];
  for (const [message] of cases) ws.send(message);
  for (const [, code] of cases)
    await ws.next(code, (m) => m.type === 'error' && (m.error as { code: string }).code === code);
  ws.socket.send(Buffer.from([0x0a, 0x02, 0x08, 0x01]), { binary: true });
  await ws.next(
    'binary refused',
    (m) =>
      m.type === 'error' &&
      (m.error as { code: string }).code === 'API_MALFORMED_BODY' &&
      m.id === null,
  );
  ws.send({ id: 9, op: 'ping' });
  await ws.next('pong', (m) => m.type === 'pong' && m.id === 9);
  const closed = new Promise<number>((resolve) => ws.socket.once('close', (code) => resolve(code)));
  ws.send('x'.repeat(300 * 1024));
  assert.equal(await closed, 1009);
});

it('refuses an upgrade from a foreign origin', async () => {
  const socket = new WebSocket(`${api.url.replace('http', 'ws')}/v1/ws`, {
    headers: { origin: 'http://evil.example' },
  });
  socket.on('error', () => {}); // the refusal
  const status = await new Promise<number>((resolve) =>
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
  );
  assert.equal(status, 403);
  const own = await connect({ origin: api.url });
  own.socket.close();
});
