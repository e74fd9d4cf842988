// The shared hash suite in Chromium, on the same Wasm that Node loads. Reference digests come
// from OpenSSL through the test server (web-test-runner.config.mjs).
import * as crypto from '../../assembly/bindings/crypto.ts';
import { createHashSuite, type HashSuiteEnvironment } from '../shared/hash-suite.ts';
import { testSeed } from '../shared/random.ts';

const seed = testSeed(new URLSearchParams(location.search).get('seed') ?? undefined);

async function referenceDigests(
  alg: crypto.HashAlgorithm,
  messages: Uint8Array[],
): Promise<Uint8Array[]> {
  const body = new Uint8Array(messages.reduce((n, m) => n + 4 + m.length, 0));
  const view = new DataView(body.buffer);
  let offset = 0;
  for (const message of messages) {
    view.setUint32(offset, message.length, true);
    body.set(message, offset + 4);
    offset += 4 + message.length;
  }
  const response = await fetch(`/__reference/hash/${alg}`, { method: 'POST', body });
  if (!response.ok) throw new Error(`reference digests: HTTP ${response.status}`);
  const digests = new Uint8Array(await response.arrayBuffer());
  return messages.map((_, i) => digests.slice(i * 32, i * 32 + 32));
}

const environment: HashSuiteEnvironment = {
  crypto,
  seed,
  referenceDigests,
  async readVector(path) {
    const response = await fetch(new URL(`../vectors/${path}`, import.meta.url));
    if (!response.ok) throw new Error(`vector ${path}: HTTP ${response.status}`);
    return response.text();
  },
};

describe(`hash in Chromium (seed ${seed}, SIMD ${crypto.simdSupported()})`, () => {
  for (const testCase of createHashSuite(environment)) {
    it(testCase.name, () => testCase.run());
  }
});
