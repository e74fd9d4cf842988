import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import {
  type AppendedBlock,
  LedgerStoreError,
  openLedgerStore,
} from '../../../../node/chain/ledger-store.ts';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
async function tempPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pvchain-ledger-'));
  dirs.push(dir);
  return join(dir, 'ledger.db');
}

const bytes = (n: number, length = 32) => new Uint8Array(length).fill(n);
const ALICE = bytes(0xa1, 23);
const BOB = bytes(0xb0, 23);

function block(height: bigint, transactions: number): AppendedBlock {
  const h = Number(height);
  return {
    height,
    blockHash: bytes(100 + h),
    committedBlock: bytes(h, 10),
    transactions: Array.from({ length: transactions }, (_, i) => ({
      hash: bytes(10 * h + i),
      addresses: [ALICE, i % 2 ? BOB : ALICE],
    })),
    receipts: Array.from({ length: transactions }, (_, i) => bytes(i, 3)),
  };
}

it('appends blocks in order and finds them by height, by hash, by transaction and by address', async () => {
  const path = await tempPath();
  const store = await openLedgerStore(path, 'test-chain');
  assert.equal(store.head(), -1n);
  await store.append(block(0n, 0));
  await store.append(block(1n, 3));
  await store.append(block(2n, 2));
  assert.equal(store.head(), 2n);
  assert.deepEqual(await store.blockAt(1n), bytes(1, 10));
  assert.equal(await store.heightOf(bytes(102)), 2n);
  assert.deepEqual(await store.locate(bytes(11)), { height: 1n, index: 1 });
  assert.deepEqual(await store.receipt({ height: 1n, index: 2 }), bytes(2, 3));
  const aliceNewest = await store.transactionsOf(ALICE, { limit: 3 });
  assert.deepEqual(aliceNewest, [
    { height: 2n, index: 1 },
    { height: 2n, index: 0 },
    { height: 1n, index: 2 },
  ]);
  const alicePage2 = await store.transactionsOf(ALICE, { limit: 3, before: aliceNewest[2] });
  assert.deepEqual(alicePage2, [
    { height: 1n, index: 1 },
    { height: 1n, index: 0 },
  ]);
  assert.deepEqual(await store.transactionsOf(BOB, { limit: 10 }), [
    { height: 2n, index: 1 },
    { height: 1n, index: 1 },
  ]);
  assert.equal(await store.blockAt(3n), undefined);
  await store.close();

  const reopened = await openLedgerStore(path, 'test-chain');
  assert.equal(reopened.head(), 2n);
  assert.deepEqual(await reopened.locate(bytes(20)), { height: 2n, index: 0 });
  await reopened.close();
});

it('refuses a gap in heights and a data directory of another chain', async () => {
  const path = await tempPath();
  const store = await openLedgerStore(path, 'test-chain');
  await store.append(block(0n, 0));
  await assert.rejects(
    store.append(block(2n, 0)),
    (e: unknown) => e instanceof LedgerStoreError && e.code === 'STORE_HEIGHT_GAP',
  );
  await store.close();
  await assert.rejects(
    openLedgerStore(path, 'other-chain'),
    (e: unknown) => e instanceof LedgerStoreError && e.code === 'STORE_WRONG_CHAIN',
  );
});
