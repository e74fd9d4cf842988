// The publisher's packing of transactions into TransactionBatch messages: sizes computed exactly,
// runs split by count and bytes, transactions handed over within the delay sent as one message,
// and a failed send reported to every transaction of its batch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createTransactionBatcher,
  encodeBatch,
  framedSize,
  packBatches,
} from '../../../../node/p2p/transaction-batcher.ts';
import { batchVerdict, decodeTransactionBatch } from '../../../../node/p2p/transaction-gossip.ts';
import { decodeCanonical, encodeCanonical, pvchain } from '../../../../proto/index.ts';

const tx = (size: number, fill = 1) => new Uint8Array(size).fill(fill);
const decode = (message: Uint8Array) =>
  decodeCanonical(pvchain.v1.TransactionBatch, message).transactions;

describe('transaction batches', () => {
  it('computes the encoded size of a batch from its transactions', () => {
    for (const sizes of [[1], [127], [128, 5], [16_383, 16_384, 70_000]]) {
      const transactions = sizes.map((n) => tx(n));
      const framed = transactions.reduce((sum, t) => sum + framedSize(t), 0);
      assert.equal(encodeBatch(transactions).length, framed, String(sizes));
    }
  });

  it('splits transactions in order by count and by bytes', () => {
    const limits = { delayMs: 5, maxTransactions: 3, maxBytes: 1_000 };
    const small = Array.from({ length: 7 }, (_, i) => tx(10, i));
    assert.deepEqual(
      packBatches(small, limits).map((run) => run.map((t) => t[0])),
      [[0, 1, 2], [3, 4, 5], [6]],
    );
    const large = [tx(600), tx(390), tx(10), tx(990)];
    assert.deepEqual(
      packBatches(large, limits).map((run) => run.map((t) => t.length)),
      [[600, 390], [10], [990]],
    );
  });

  it('decodes a canonical, non-empty batch and refuses anything else', () => {
    const good = encodeBatch([tx(3, 7), tx(2, 9)]);
    assert.deepEqual(decodeTransactionBatch(good), [tx(3, 7), tx(2, 9)]);
    assert.equal(decodeTransactionBatch(new Uint8Array(0)), null, 'empty');
    assert.equal(decodeTransactionBatch(new Uint8Array([0x0a, 0x05, 1])), null, 'truncated');
    assert.equal(decodeTransactionBatch(new Uint8Array([0x12, 0x01, 1])), null, 'unknown field');
    // A length varint with a redundant continuation byte decodes but is not canonical.
    assert.equal(decodeTransactionBatch(new Uint8Array([0x0a, 0x81, 0x00, 1])), null);
    const tooLarge = new Uint8Array(1024 * 1024 + 1);
    assert.equal(decodeTransactionBatch(tooLarge), null, 'over the size limit');
    assert.ok(encodeCanonical(pvchain.v1.TransactionBatch, { transactions: [] }).length === 0);
  });

  it('judges a batch by its transactions', () => {
    assert.equal(batchVerdict(['accept', 'ignore']), 'accept');
    assert.equal(batchVerdict(['ignore', 'ignore']), 'ignore');
    assert.equal(batchVerdict(['accept', 'reject', 'accept']), 'reject');
    assert.equal(batchVerdict([]), 'ignore');
  });
});

describe('the transaction batcher', () => {
  const limits = { delayMs: 5, maxTransactions: 4, maxBytes: 100 };

  it('sends what arrives within the delay as one message', async () => {
    const sent: Uint8Array[][] = [];
    const batcher = createTransactionBatcher(limits, async (message) => {
      sent.push(decode(message));
    });
    await Promise.all([batcher.add(tx(5, 1)), batcher.add(tx(5, 2)), batcher.add(tx(5, 3))]);
    assert.deepEqual(sent, [[tx(5, 1), tx(5, 2), tx(5, 3)]]);
    assert.equal(batcher.queued(), 0);
  });

  it('sends a full batch at once, and starts a new one when the bytes would overflow', async () => {
    const sent: number[][] = [];
    const batcher = createTransactionBatcher(limits, async (message) => {
      sent.push(decode(message).map((t) => t[0] as number));
    });
    const full = [1, 2, 3, 4].map((n) => batcher.add(tx(5, n)));
    assert.equal(batcher.queued(), 0, 'the fourth transaction sent the batch');
    await Promise.all(full);
    await Promise.all([batcher.add(tx(60, 5)), batcher.add(tx(60, 6))]);
    assert.deepEqual(sent, [[1, 2, 3, 4], [5], [6]]);
  });

  it('sends a list now, after what was queued, in as few messages as fit', async () => {
    const sent: number[][] = [];
    const batcher = createTransactionBatcher(limits, async (message) => {
      sent.push(decode(message).map((t) => t[0] as number));
    });
    const queued = batcher.add(tx(5, 9));
    await batcher.sendNow([1, 2, 3, 4, 5].map((n) => tx(5, n)));
    await queued;
    assert.deepEqual(sent, [[9], [1, 2, 3, 4], [5]]);
  });

  it('reports a failed send to every transaction of the batch', async () => {
    const failure = new Error('no peers');
    const batcher = createTransactionBatcher(limits, async () => {
      throw failure;
    });
    const results = await Promise.allSettled([batcher.add(tx(5, 1)), batcher.add(tx(5, 2))]);
    assert.deepEqual(
      results.map((r) => r.status === 'rejected' && r.reason),
      [failure, failure],
    );
    await assert.rejects(batcher.sendNow([tx(5, 3)]), failure);
  });
});
