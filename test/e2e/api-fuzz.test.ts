// Fuzzing the API of a running solo node: seeded random and malformed paths, queries, JSON and
// protobuf at every route, and frames at the WebSocket, bounded by count and time. Every answer
// must be a 2xx (the input happened to be valid) or a 4xx with a documented error code; no request
// may hang, and the node must still serve and produce blocks afterwards.
// `npm run fuzz:api` runs it longer: PVCHAIN_FUZZ_MS, PVCHAIN_FUZZ_COUNT and PVCHAIN_FUZZ_SEED.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import WebSocket from 'ws';
import { address, GRID, hex, household, op, signedTransaction } from '../support/community.ts';
import { type ApiHarness, startApiNode } from '../unit/node/api/api-harness.ts';
import { createFuzzRng, fuzzBody, fuzzFrame, fuzzPath } from '../unit/node/api/fuzz-inputs.ts';

const DURATION_MS = Number(process.env.PVCHAIN_FUZZ_MS ?? 3000);
const MAX_COUNT = Number(process.env.PVCHAIN_FUZZ_COUNT ?? 3000);
const SEED = Number(process.env.PVCHAIN_FUZZ_SEED ?? 20261124);
const PARALLEL = 6;
const REQUEST_TIMEOUT_MS = 10_000;

let api: ApiHarness;
before(async () => {
  api = await startApiNode();
});
after(() => api?.stop());

const valid = [1, 2, 3].map((n) =>
  signedTransaction(GRID, BigInt(n), [op.createHousehold(household(40 + n))]),
);

function checkAnswer(what: string, status: number, text: string): void {
  assert.ok(
    (status >= 200 && status < 300) || (status >= 400 && status < 500),
    `${what}: status ${status} ${text.slice(0, 300)}`,
  );
  if (status >= 400) {
    const body = JSON.parse(text) as { error?: { code?: unknown } };
    assert.match(String(body.error?.code), /^API_[A-Z_]+$/, `${what}: ${text.slice(0, 300)}`);
  }
}

it(`answers ${MAX_COUNT} random requests (at most ${DURATION_MS} ms) with 2xx or coded 4xx, never hanging`, {
  timeout: DURATION_MS + 60_000,
}, async () => {
  const rng = createFuzzRng(SEED);
  const templates = Object.keys(api.doc.paths).filter((p) => p !== '/v1/ws');
  const params = { address: hex(address(GRID)), hash: '00'.repeat(32), height: '1' };
  const deadline = Date.now() + DURATION_MS;
  let sent = 0;
  const statuses = new Map<number, number>();
  async function worker(): Promise<void> {
    while (sent < MAX_COUNT && Date.now() < deadline) {
      sent++;
      const path = fuzzPath(rng, templates, params);
      const method = rng.pick(['GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);
      const init: RequestInit = { method, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) };
      if (method === 'POST' || method === 'PUT') {
        const { body, type } = fuzzBody(rng, valid);
        init.body = typeof body === 'string' ? body : new Blob([new Uint8Array(body)]);
        init.headers = type ? { 'content-type': type } : {};
      }
      const what = `${method} ${path.slice(0, 200)}`;
      const response = await fetch(`${api.url}${path}`, init);
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (method === 'HEAD' || (method === 'OPTIONS' && response.status === 204)) continue;
      checkAnswer(what, response.status, text);
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const status = await fetch(`${api.url}/v1/status`);
  assert.equal(status.status, 200);
  assert.equal(api.node.fatalError(), null);
  const height = api.node.chain.height();
  await new Promise<void>((resolve) => api.node.onCommitted(() => resolve()));
  assert.ok(api.node.chain.height() > height, 'still producing blocks');
  console.log(
    `fuzz: ${sent} requests, seed ${SEED}, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
});

it('answers random WebSocket frames with errors or valid messages, and stays open', {
  timeout: DURATION_MS + 60_000,
}, async () => {
  const rng = createFuzzRng(SEED + 1);
  const socket = new WebSocket(`${api.url.replace('http', 'ws')}/v1/ws`);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const types = new Map<string, number>();
  let pong = () => {};
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      type: string;
      error?: { code: string };
      id?: unknown;
    };
    assert.ok(
      ['subscribed', 'unsubscribed', 'pong', 'error', 'header', 'transaction', 'account'].includes(
        message.type,
      ),
    );
    if (message.type === 'error') assert.match(String(message.error?.code), /^API_[A-Z_]+$/);
    if (message.type === 'pong' && message.id === 'end') pong();
    types.set(message.type, (types.get(message.type) ?? 0) + 1);
  });
  const deadline = Date.now() + Math.min(DURATION_MS, 2000);
  const frame = { hash: '00'.repeat(32), address: hex(address(GRID)) };
  // Paced below the per-connection message budget, so that the connection is never rate limited.
  for (let i = 0; i < MAX_COUNT && Date.now() < deadline; i++) {
    socket.send(fuzzFrame(rng, frame));
    if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const ponged = new Promise<void>((resolve) => {
    pong = resolve;
  });
  socket.send(JSON.stringify({ op: 'ping', id: 'end' }));
  await ponged;
  assert.equal(socket.readyState, WebSocket.OPEN);
  assert.ok((types.get('error') ?? 0) > 0);
  socket.close();
});
