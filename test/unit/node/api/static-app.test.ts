// The node serving a built web app (node/api/static-app.ts) on a solo node with its API: `/` and
// every file of the build with its content type and cache headers, gzip when asked, ETags, the
// API's 404 for anything else, /v1 never shadowed; no app without an index.html.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { type ApiHarness, startApiNode } from './api-harness.ts';

const INDEX = '<!doctype html><title>pvchain</title><script src="./assets/index-B2x9.js"></script>';
const SCRIPT = `export const app = ${JSON.stringify('x'.repeat(4000))};\n`;
const WASM = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
let dir = '';
let api: ApiHarness;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pvchain-app-'));
  await mkdir(join(dir, 'assets'));
  await mkdir(join(dir, 'v1'));
  await writeFile(join(dir, 'index.html'), INDEX);
  await writeFile(join(dir, 'assets', 'index-B2x9.js'), SCRIPT);
  await writeFile(join(dir, 'assets', 'kernel-Q1w2.wasm'), WASM);
  await writeFile(join(dir, 'v1', 'status'), 'not the API');
  api = await startApiNode({ appDir: dir });
});
after(async () => {
  await api?.stop();
  await rm(dir, { recursive: true, force: true });
});

it('serves index.html at / and at its own path, revalidated by its ETag', async () => {
  assert.equal(api.node.api?.appServed(), true);
  for (const path of ['/', '/index.html']) {
    const response = await fetch(`${api.url}${path}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await response.text(), INDEX);
  }
  const etag = (await fetch(api.url)).headers.get('etag') as string;
  assert.match(etag, /^"[\w-]+"$/);
  const again = await fetch(api.url, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');
  const head = await fetch(api.url, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-type'), 'text/html; charset=utf-8');
});

it('serves the hashed assets with their types, cached for good, gzipped when asked', async () => {
  const js = await fetch(`${api.url}/assets/index-B2x9.js`, {
    headers: { 'accept-encoding': 'gzip' },
  });
  assert.equal(js.status, 200);
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(js.headers.get('content-encoding'), 'gzip');
  assert.equal(js.headers.get('vary'), 'accept-encoding');
  assert.equal(await js.text(), SCRIPT); // fetch decodes it
  const plain = await fetch(`${api.url}/assets/index-B2x9.js`, {
    headers: { 'accept-encoding': 'identity' },
  });
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.equal(await plain.text(), SCRIPT);
  const wasm = await fetch(`${api.url}/assets/kernel-Q1w2.wasm`);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.deepEqual(new Uint8Array(await wasm.arrayBuffer()), WASM);
});

it('answers anything else with the API: its 404 shape, and /v1 never from the folder', async () => {
  const missing = await fetch(`${api.url}/assets/nothing.js`);
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'API_NOT_FOUND');
  const status = await api.get('/v1/status');
  assert.equal(status.status, 200);
  assert.equal(typeof status.body.height, 'string');
  const traversal = await fetch(`${api.url}/assets/..%2f..%2findex.html`);
  assert.equal(traversal.status, 404);
});

it('serves no app from a folder without index.html', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'pvchain-app-'));
  const other = await startApiNode({ appDir: empty });
  try {
    assert.equal(other.node.api?.appServed(), false);
    const response = await fetch(other.url);
    assert.equal(response.status, 404);
    assert.equal(
      ((await response.json()) as { error: { code: string } }).error.code,
      'API_NOT_FOUND',
    );
  } finally {
    await other.stop();
    await rm(empty, { recursive: true, force: true });
  }
});

it("allows the app's origin as 127.0.0.1 and as localhost, and no other", async () => {
  const localhost = api.url.replace('//127.0.0.1:', '//localhost:');
  for (const origin of [api.url, localhost]) {
    const response = await fetch(`${api.url}/v1/status`, { headers: { origin } });
    assert.equal(response.headers.get('access-control-allow-origin'), origin);
  }
  const other = await fetch(`${api.url}/v1/status`, { headers: { origin: 'http://evil.test' } });
  assert.equal(other.headers.get('access-control-allow-origin'), null);
});

it("publishes the node's trust root as the app's chain.json", async () => {
  const response = await fetch(`${api.url}/chain.json`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
  const chain = await response.json();
  const genesis = await (await fetch(`${api.url}/v1/blocks/0`)).json();
  const validators = await (await fetch(`${api.url}/v1/validators`)).json();
  assert.equal(chain.chainId, api.node.rules.chainId);
  assert.equal(chain.hash, 'sha256');
  assert.equal(chain.genesisHash, genesis.hash);
  assert.equal(chain.genesisTimeMs, genesis.header.timeMs);
  assert.deepEqual(chain.validators, validators.validators);
});
