import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { openSignGuard } from '../../../../node/chain/sign-guard.ts';

let dir = '';
after(() => rm(dir, { recursive: true, force: true }));

it('never gives one height and view to two blocks, across a reopen', async () => {
  dir = await mkdtemp(join(tmpdir(), 'pvchain-keyvalue-'));
  const path = join(dir, 'keyvalue.db');
  const a = new Uint8Array(32).fill(1);
  const b = new Uint8Array(32).fill(2);
  let guard = await openSignGuard(path);
  assert.equal(guard.last(), null);
  assert.equal(await guard.reserve(1n, a), 0n);
  assert.equal(await guard.reserve(1n, a), 0n, 'the same block again: the same view');
  assert.equal(await guard.reserve(1n, b), 1n, 'another block at a signed height: the next view');
  await guard.close();

  guard = await openSignGuard(path);
  assert.deepEqual(guard.last(), { height: 1n, view: 1n, blockHash: b });
  assert.equal(await guard.reserve(1n, a), 2n);
  assert.equal(await guard.reserve(2n, a), 0n);
  await assert.rejects(guard.reserve(1n, b), RangeError);
  await guard.close();
});
