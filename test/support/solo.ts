// A solo validator in this process for end-to-end tests: submit transactions and wait, with a
// bound, until each is in a block; get their receipts.
import assert from 'node:assert/strict';
import type { PvchainNode } from '../../node/node.ts';
import { decodeCanonical, pvchain } from '../../proto/index.ts';

export type CommittedTransaction = { height: bigint; receipt: pvchain.v1.Receipt };

/** Submits `envelopes` (each must be admitted) and resolves once all are committed. */
export async function commit(
  node: PvchainNode,
  envelopes: Uint8Array[],
  timeoutMs = 20_000,
): Promise<CommittedTransaction[]> {
  const answers = await node.submit(envelopes);
  const pending = new Map(
    answers.map((a, i) => {
      assert.ok(a.ok, `transaction ${i} refused: ${!a.ok && a.code} ${!a.ok && a.message}`);
      return [Buffer.from(a.hash).toString('hex'), i];
    }),
  );
  const committed: CommittedTransaction[] = new Array(envelopes.length);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not committed within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const unsubscribe = node.onCommitted((block) => {
      block.executed.included.forEach((tx, position) => {
        const i = pending.get(tx.hashHex);
        if (i === undefined) return;
        const receipt = decodeCanonical(
          pvchain.v1.Receipt,
          block.executed.receipts[position] as Uint8Array,
        );
        committed[i] = { height: block.height, receipt };
        pending.delete(tx.hashHex);
      });
      if (pending.size === 0) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  });
  return committed;
}

/** The name of a receipt's result code, e.g. RESULT_CODE_OK. */
export const resultName = (receipt: pvchain.v1.Receipt): string =>
  pvchain.v1.ResultCode[receipt.result] ?? String(receipt.result);
