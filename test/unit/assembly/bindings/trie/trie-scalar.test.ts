// The trie's scalar (non-SIMD) Wasm build must be as right as the SIMD one: hashing then runs one
// message at a time instead of four lanes. A Node started with --no-enable-sse4-1 has no Wasm SIMD,
// so the loader picks the scalar build; the shared suite and the property tests run again there.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

it('the trie suite and properties pass on the scalar build chosen where SIMD is unavailable', () => {
  const tests = ['./trie-suite.test.ts', './trie-property.test.ts'].map((file) =>
    fileURLToPath(new URL(file, import.meta.url)),
  );
  const probe =
    "import('../../../../../assembly/bindings/wasm-loader.ts').then((m) => { if (m.simdSupported()) process.exit(3); })";
  const child = spawnSync(
    process.execPath,
    ['--no-enable-sse4-1', '--test', '--test-reporter=dot', ...tests],
    {
      encoding: 'utf8',
      // Without NODE_TEST_CONTEXT the child is a test run of its own, with its own exit status.
      env: { ...process.env, NODE_TEST_CONTEXT: undefined },
      timeout: 300_000,
    },
  );
  assert.equal(child.status, 0, `scalar trie tests failed:\n${child.stdout}\n${child.stderr}`);
  const simd = spawnSync(
    process.execPath,
    ['--no-enable-sse4-1', '--input-type=module', '-e', probe],
    {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      encoding: 'utf8',
    },
  );
  assert.equal(simd.status, 0, `SIMD is still available without SSE4.1:\n${simd.stderr}`);
});
