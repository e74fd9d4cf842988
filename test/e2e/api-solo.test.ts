// The node's HTTP API against a running solo validator (real LevelDB, real HTTP on 127.0.0.1):
// every route with its values asserted, every answer checked against the OpenAPI document the
// node serves, submissions with wait=committed, proofs verified, paging, and the error codes.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { hash } from '../../assembly/bindings/crypto.ts';
import { verifyProof } from '../../assembly/bindings/trie/index.ts';
import { pvchain } from '../../proto/index.ts';
import { address, GRID, hex, household, op, signedTransaction } from '../support/community.ts';
import { type ApiHarness, startApiNode } from '../unit/node/api/api-harness.ts';

const addr = (n: number) => hex(address(n));
const H = [1, 2, 3].map(household);
const txHash = (envelope: Uint8Array) =>
  hex(hash('sha256', pvchain.v1.SignedTransaction.decode(envelope).transaction));

let api: ApiHarness;
let gridNonce = 0n;
const fromGrid = (ops: pvchain.v1.Operation.$Properties[]) =>
  signedTransaction(GRID, ++gridNonce, ops);

before(async () => {
  api = await startApiNode();
});
after(() => api?.stop());

it('serves a valid OpenAPI 3.1 document', async () => {
  const answer = await api.get('/v1/openapi.json');
  assert.equal(answer.status, 200);
  const result = await new Validator().validate(answer.body);
  assert.ok(result.valid, JSON.stringify(result.errors));
  assert.equal(answer.body.openapi, '3.1.0');
});

it('submits a batch with wait=committed: one result per item, success_count', async () => {
  const create = fromGrid(H.map(op.createHousehold));
  const pay = fromGrid(H.map((h, i) => op.pay(h, 'kWh', 1000n * BigInt(i + 1))));
  const answer = await api.post('/v1/transactions', '/v1/transactions?wait=committed', {
    transactions: [hex(create), Buffer.from(pay).toString('base64'), 'zz-not-a-tx', hex(create)],
  });
  assert.equal(answer.status, 200);
  assert.equal(answer.body.wait, 'committed');
  assert.equal(answer.body.success_count, 2);
  const [a, b, c, d] = answer.body.results;
  assert.equal(a.hash, txHash(create));
  assert.equal(a.status, 'committed');
  assert.equal(a.error_code, null);
  assert.equal(a.result, 'RESULT_CODE_OK');
  assert.equal(b.hash, txHash(pay));
  assert.equal(b.status, 'committed');
  assert.ok(BigInt(b.height) >= BigInt(a.height));
  assert.deepEqual([c.status, c.error_code, c.hash], ['refused', 'TX_MALFORMED', null]);
  assert.equal(d.status, 'refused');
  assert.match(d.error_code, /^TX_(DUPLICATE|NONCE_TOO_SMALL)$/);
});

it('reads an account with balances, nonce, permissions, real name and supply status', async () => {
  const answer = await api.get('/v1/accounts/{address}', `/v1/accounts/${addr(H[1] as number)}`);
  assert.equal(answer.status, 200);
  const account = answer.body.account;
  assert.equal(account.address, addr(H[1] as number));
  assert.equal(account.role, 'household');
  assert.equal(account.realName, `Household ${H[1]}`);
  assert.equal(account.creator, addr(GRID));
  assert.equal(account.nonce, '0');
  assert.equal(account.supplyStatus, 'active');
  assert.deepEqual(account.balances, [{ issuer: addr(GRID), code: 'kWh', amount: '2000' }]);
  assert.equal(account.permissions.txThreshold, '1');
  assert.equal(account.permissions.masterWeight, 1);
  const grid = await api.get('/v1/accounts/{address}', `/v1/accounts/${addr(GRID)}`);
  assert.equal(grid.body.account.role, 'grid');
  assert.equal(grid.body.account.nonce, String(gridNonce));
});

it('proves an account against the state root of the latest and of a past height', async () => {
  const latest = await api.get(
    '/v1/accounts/{address}/proof',
    `/v1/accounts/${addr(H[0] as number)}/proof`,
  );
  assert.equal(latest.status, 200);
  const block = await api.get('/v1/blocks/{height}', `/v1/blocks/${latest.body.height}`);
  assert.equal(latest.body.stateRoot, block.body.header.stateRoot);
  const proven = await verifyProof(
    Buffer.from(latest.body.stateRoot, 'hex'),
    Buffer.from(latest.body.key, 'hex'),
    latest.body.proof.map((p: string) => Buffer.from(p, 'hex')),
    { hash: 'sha256' },
  );
  assert.equal(hex(proven as Uint8Array), latest.body.value);
  assert.equal(latest.body.account.balances[0].amount, '1000');
  // At the genesis the household did not exist: its absence is proven.
  const past = await api.get(
    '/v1/accounts/{address}/proof',
    `/v1/accounts/${addr(H[0] as number)}/proof?height=0`,
  );
  assert.equal(past.status, 200);
  assert.equal(past.body.value, null);
  assert.equal(past.body.account, null);
  const absent = await verifyProof(
    Buffer.from(past.body.stateRoot, 'hex'),
    Buffer.from(past.body.key, 'hex'),
    past.body.proof.map((p: string) => Buffer.from(p, 'hex')),
    { hash: 'sha256' },
  );
  assert.equal(absent, null);
  const future = await api.get(
    '/v1/accounts/{address}/proof',
    `/v1/accounts/${addr(GRID)}/proof?height=99999`,
  );
  assert.equal(future.status, 404);
  assert.equal(future.body.error.code, 'API_HEIGHT_UNAVAILABLE');
});

it("pages an address's transactions, newest first", async () => {
  await api.post('/v1/transactions', '/v1/transactions?wait=committed', {
    transactions: [hex(fromGrid([op.pay(H[2] as number, 'kWh', 7n)]))],
  });
  const path = `/v1/accounts/${addr(H[2] as number)}/transactions`;
  const first = await api.get('/v1/accounts/{address}/transactions', `${path}?limit=1`);
  assert.equal(first.body.items.length, 1);
  assert.ok(first.body.next);
  const second = await api.get(
    '/v1/accounts/{address}/transactions',
    `${path}?limit=5&before=${first.body.next}`,
  );
  // Its creation and its first credit, then this payment: three transactions name it.
  assert.equal(second.body.items.length, 2);
  assert.equal(second.body.next, null);
  const all = [...first.body.items, ...second.body.items];
  assert.ok(BigInt(all[0].height) >= BigInt(all[1].height));
  assert.ok(BigInt(all[1].height) >= BigInt(all[2].height));
  assert.ok(all.every((t) => t.result === 'RESULT_CODE_OK'));
  const tx = await api.get('/v1/transactions/{hash}', `/v1/transactions/${all[0].hash}`);
  assert.equal(tx.body.status, 'committed');
});

it("pages a grid's households with balances and supply status", async () => {
  const path = `/v1/grids/${addr(GRID)}/households`;
  const first = await api.get('/v1/grids/{address}/households', `${path}?limit=2`);
  assert.equal(first.status, 200);
  assert.equal(first.body.items.length, 2);
  const rest = await api.get(
    '/v1/grids/{address}/households',
    `${path}?limit=2&after=${first.body.next}`,
  );
  assert.equal(rest.body.next, null);
  const items = [...first.body.items, ...rest.body.items];
  assert.deepEqual(items.map((a) => a.realName).sort(), H.map((h) => `Household ${h}`).sort());
  assert.ok(items.every((a) => a.supplyStatus === 'active' && a.balances.length === 1));
  const notGrid = await api.get(
    '/v1/grids/{address}/households',
    `/v1/grids/${addr(H[0] as number)}/households`,
  );
  assert.equal(notGrid.status, 404);
  assert.equal(notGrid.body.error.code, 'API_GRID_NOT_FOUND');
});

it('reads blocks by height and hash with their commit certificates, and transactions with receipts', async () => {
  const pay = fromGrid([op.pay(H[0] as number, 'kWh', 5n)]);
  const submitted = await api.post('/v1/transactions', '/v1/transactions?wait=committed', {
    transactions: [hex(pay)],
  });
  const { height, hash: txHashHex } = submitted.body.results[0];
  const byHeight = await api.get('/v1/blocks/{height}', `/v1/blocks/${height}`);
  assert.equal(byHeight.body.height, height);
  assert.equal(byHeight.body.header.height, height);
  assert.deepEqual(byHeight.body.transactions, [
    { hash: txHashHex, source: addr(GRID), nonce: String(gridNonce) },
  ]);
  assert.equal(byHeight.body.commit.blockHash, byHeight.body.hash);
  assert.equal(byHeight.body.commit.signatures.length, 1);
  assert.equal(
    byHeight.body.commit.signatures[0].validator,
    (await api.get('/v1/status')).body.validator,
  );
  const byHash = await api.get('/v1/blocks/hash/{hash}', `/v1/blocks/hash/${byHeight.body.hash}`);
  assert.deepEqual(byHash.body, byHeight.body);
  const tx = await api.get('/v1/transactions/{hash}', `/v1/transactions/${txHashHex}`);
  assert.equal(tx.body.status, 'committed');
  assert.equal(tx.body.height, height);
  assert.equal(tx.body.blockHash, byHeight.body.hash);
  assert.equal(tx.body.transaction.source, addr(GRID));
  assert.equal(tx.body.transaction.operations[0].type, 'payment');
  assert.equal(tx.body.transaction.operations[0].payment.amount, '5');
  assert.equal(tx.body.receipt.result, 'RESULT_CODE_OK');
  assert.equal(tx.body.envelope, Buffer.from(pay).toString('base64'));
  const missing = await api.get('/v1/blocks/{height}', '/v1/blocks/123456');
  assert.equal(missing.body.error.code, 'API_BLOCK_NOT_FOUND');
  const noTx = await api.get('/v1/transactions/{hash}', `/v1/transactions/${'00'.repeat(32)}`);
  assert.equal(noTx.body.error.code, 'API_TRANSACTION_NOT_FOUND');
});

it('answers failed, pending and timed-out transactions, and takes protobuf bodies', async () => {
  // A household pays more than it has: committed with a failed receipt.
  const overdraft = signedTransaction(H[0] as number, 1n, [
    op.pay(H[1] as number, 'kWh', 10n ** 9n),
  ]);
  const failed = await api.post('/v1/transactions', '/v1/transactions?wait=committed', {
    transactions: [hex(overdraft)],
  });
  assert.equal(failed.body.results[0].status, 'failed');
  assert.equal(failed.body.results[0].error_code, 'RESULT_CODE_INSUFFICIENT_BALANCE');
  assert.equal(failed.body.success_count, 0);
  // A nonce gap: pooled, never committed: pending, and a bounded wait that times out.
  const gapped = signedTransaction(H[1] as number, 5n, [op.pay(H[0] as number, 'kWh', 1n)]);
  const waited = await api.post(
    '/v1/transactions',
    '/v1/transactions?wait=committed&timeoutMs=300',
    gapped,
    {
      'content-type': 'application/x-protobuf',
    },
  );
  assert.deepEqual(
    [waited.body.results[0].status, waited.body.results[0].error_code],
    ['timeout', 'API_WAIT_TIMEOUT'],
  );
  const pending = await api.get('/v1/transactions/{hash}', `/v1/transactions/${txHash(gapped)}`);
  assert.deepEqual(pending.body, { hash: txHash(gapped), status: 'pending' });
  const status = await api.get('/v1/status');
  assert.equal(status.body.mempoolSize, 1);
  assert.equal(status.body.mode, 'solo');
  assert.equal(status.body.chainId, 'pvchain-test');
  // Blocks keep coming (every 50 ms): the status's last block is the block at its height.
  assert.ok(BigInt(status.body.height) <= api.node.chain.height());
  const last = await api.get('/v1/blocks/{height}', `/v1/blocks/${status.body.height}`);
  assert.equal(status.body.lastBlockHash, last.body.hash);
  assert.equal(status.body.lastBlockTimeMs, last.body.header.timeMs);
});

it('stops waiting when the client goes away', async () => {
  const server = api.node.api as NonNullable<typeof api.node.api>;
  const until = async (what: string, condition: () => boolean) => {
    for (const deadline = Date.now() + 10_000; !condition(); ) {
      assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20)); // polling a condition, bounded
    }
  };
  const gapped = signedTransaction(H[2] as number, 9n, [op.pay(H[0] as number, 'kWh', 1n)]);
  const abort = new AbortController();
  const request = fetch(`${api.url}/v1/transactions?wait=committed&timeoutMs=60000`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ transactions: [hex(gapped)] }),
    signal: abort.signal,
  }).catch((error: Error) => error.name);
  await until('the wait to start', () => server.waiting() === 1);
  abort.abort();
  assert.equal(await request, 'AbortError');
  await until('the wait to end', () => server.waiting() === 0);
});

it('lists the validators', async () => {
  const answer = await api.get('/v1/validators');
  assert.equal(answer.body.validators.length, 1);
  assert.equal(answer.body.validators[0].address, (await api.get('/v1/status')).body.validator);
  assert.equal(answer.body.validators[0].votingPower, '1');
});

it('answers every error with a documented code', async () => {
  const cases: [string, string, RequestInit, number, string][] = [
    ['/v1/nope', '/v1/nope', {}, 404, 'API_NOT_FOUND'],
    ['/v1/accounts/{address}', '/v1/accounts/xyz', {}, 400, 'API_INVALID_PARAMETER'],
    ['/v1/accounts/{address}', `/v1/accounts/${addr(999)}`, {}, 404, 'API_ACCOUNT_NOT_FOUND'],
    ['/v1/blocks/{height}', '/v1/blocks/-1', {}, 400, 'API_INVALID_PARAMETER'],
    ['/v1/status', '/v1/status?x=1', {}, 400, 'API_INVALID_PARAMETER'],
    [
      '/v1/transactions',
      '/v1/transactions',
      { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } },
      400,
      'API_MALFORMED_BODY',
    ],
    [
      '/v1/transactions',
      '/v1/transactions',
      { method: 'POST', body: 'hi', headers: { 'content-type': 'text/plain' } },
      415,
      'API_UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      '/v1/transactions',
      '/v1/transactions',
      {
        method: 'POST',
        body: '{"transactions":[]}',
        headers: { 'content-type': 'application/json' },
      },
      400,
      'API_INVALID_PARAMETER',
    ],
    [
      '/v1/transactions',
      '/v1/transactions?wait=never',
      {
        method: 'POST',
        body: '{"transactions":["00"]}',
        headers: { 'content-type': 'application/json' },
      },
      400,
      'API_INVALID_PARAMETER',
    ],
    [
      '/v1/transactions',
      '/v1/transactions',
      {
        method: 'POST',
        body: JSON.stringify({ transactions: ['a'.repeat(5 * 1024 * 1024)] }),
        headers: { 'content-type': 'application/json' },
      },
      413,
      'API_BODY_TOO_LARGE',
    ],
  ];
  for (const [template, path, init, status, code] of cases) {
    const response = await fetch(`${api.url}${path}`, init);
    const body = await response.json();
    assert.equal(response.status, status, `${path}: ${JSON.stringify(body)}`);
    assert.equal(body.error.code, code, path);
    if (template !== '/v1/nope')
      api.validate(init.method ?? 'GET', template, { status, body, headers: response.headers });
  }
});

it('allows the own origin only by default (CORS)', async () => {
  const own = await fetch(`${api.url}/v1/status`, { headers: { origin: api.url } });
  assert.equal(own.headers.get('access-control-allow-origin'), api.url);
  const other = await fetch(`${api.url}/v1/status`, { headers: { origin: 'http://evil.example' } });
  assert.equal(other.headers.get('access-control-allow-origin'), null);
  const preflight = await fetch(`${api.url}/v1/transactions`, {
    method: 'OPTIONS',
    headers: { origin: api.url, 'access-control-request-method': 'POST' },
  });
  assert.equal(preflight.status, 204);
});

it('exercised every route of the document', () => {
  const documented = Object.entries(api.doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
  );
  const missing = documented.filter((route) => route !== 'GET /v1/ws' && !api.checked.has(route));
  assert.deepEqual(missing, []);
});

it('limits the requests of one client', async () => {
  const limited = await startApiNode({ limits: { rateLimit: { max: 5, windowMs: 60_000 } } });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const answer = await limited.get('/v1/status');
      statuses.push(answer.status);
      if (answer.status === 429) assert.equal(answer.body.error.code, 'API_RATE_LIMITED');
    }
    // The harness read the document once: 4 more fit in the window.
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429, 429, 429]);
  } finally {
    await limited.stop();
  }
});
