// The scalar (non-SIMD) Wasm build of the Ed25519 module must be as right as the SIMD one. V8
// offers Wasm SIMD only with SSE4.1, so a Node started with --no-enable-sse4-1 loads the scalar
// build for real; the Ed25519 suite runs again there (with fewer differential cases).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

it('the Ed25519 suite passes on the scalar build chosen where SIMD is unavailable', () => {
  const suite = fileURLToPath(new URL('./ed25519.test.ts', import.meta.url));
  const child = spawnSync(
    process.execPath,
    ['--no-enable-sse4-1', '--test', '--test-reporter=dot', suite],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        NODE_TEST_CONTEXT: undefined,
        ED25519_CASES: '2000',
        PVCHAIN_EXPECT_SIMD: 'false',
      },
      timeout: 600_000,
    },
  );
  assert.equal(child.status, 0, `scalar Ed25519 suite failed:\n${child.stdout}\n${child.stderr}`);
});
