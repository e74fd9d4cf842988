// The scalar (non-SIMD) Wasm build must be as right as the SIMD one. V8 offers Wasm SIMD only
// with SSE4.1, so a Node started with --no-enable-sse4-1 fails the loader's SIMD probe for real;
// the whole hash suite runs again in such a process and must pick the scalar build.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

it('the hash suite passes on the scalar build chosen where SIMD is unavailable', () => {
  const suite = fileURLToPath(new URL('./hash.test.ts', import.meta.url));
  const child = spawnSync(
    process.execPath,
    ['--no-enable-sse4-1', '--test', '--test-reporter=dot', suite],
    {
      encoding: 'utf8',
      // Without NODE_TEST_CONTEXT the child is a test run of its own, with its own exit status.
      env: { ...process.env, NODE_TEST_CONTEXT: undefined, PVCHAIN_EXPECT_SIMD: 'false' },
      timeout: 300_000,
    },
  );
  assert.equal(child.status, 0, `scalar hash suite failed:\n${child.stdout}\n${child.stderr}`);
});
