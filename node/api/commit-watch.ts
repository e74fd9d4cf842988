// One listener on the node's committed blocks for the whole API: it settles the waits of
// `?wait=committed` and tells the WebSocket subscriptions. A transaction's outcome is `committed`
// (in a block, RESULT_CODE_OK), `failed` (in a block with another result, or left out of one).

import { decodeCanonical, pvchain } from '../../proto/index.ts';
import type { CommittedBlockInfo } from '../chain/chain.ts';
import type { PooledTransaction } from '../mempool/mempool.ts';
import { resultName } from './json-values.ts';

export type CommittedBlock = CommittedBlockInfo<PooledTransaction>;

export type TransactionOutcome = {
  status: 'committed' | 'failed';
  height: bigint;
  /** The receipt's result name, or the reason it was left out. */
  result: string;
  message: string;
};

export type CommitWatch = ReturnType<typeof createCommitWatch>;

export function createCommitWatch(components: {
  onCommitted(listener: (block: CommittedBlock) => void): () => void;
  onPoolAdmitted?(listener: (hashes: Uint8Array[]) => void): () => void;
}) {
  const waiters = new Map<string, Set<(outcome: TransactionOutcome) => void>>();
  const blockListeners = new Set<
    (block: CommittedBlock, outcomes: Map<string, TransactionOutcome>) => void
  >();

  function outcomesOf(block: CommittedBlock): Map<string, TransactionOutcome> {
    const outcomes = new Map<string, TransactionOutcome>();
    block.executed.included.forEach((tx, i) => {
      const receipt = decodeCanonical(pvchain.v1.Receipt, block.executed.receipts[i] as Uint8Array);
      const ok = receipt.result === pvchain.v1.ResultCode.RESULT_CODE_OK;
      outcomes.set(tx.hashHex, {
        status: ok ? 'committed' : 'failed',
        height: block.height,
        result: resultName(receipt.result),
        message: ok ? '' : `operation ${receipt.failedOperation} failed`,
      });
    });
    for (const { tx, outcome } of block.executed.excluded)
      outcomes.set(tx.hashHex, {
        status: 'failed',
        height: block.height,
        result: resultName(outcome.resultCode),
        message: `left out of block ${block.height}: ${outcome.message}`,
      });
    return outcomes;
  }

  const admittedListeners = new Set<(hashHex: string) => void>();
  let unsubscribe: (() => void) | null = null;
  let unsubscribePool: (() => void) | null = null;
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

  return {
    start(): void {
      unsubscribePool ??=
        components.onPoolAdmitted?.((hashes) => {
          if (admittedListeners.size === 0) return;
          for (const listener of admittedListeners) for (const h of hashes) listener(hex(h));
        }) ?? null;
      unsubscribe ??= components.onCommitted((block) => {
        // Outcomes are decoded only when someone listens.
        if (waiters.size === 0 && blockListeners.size === 0) return;
        const outcomes = outcomesOf(block);
        for (const [hashHex, outcome] of outcomes) {
          const pending = waiters.get(hashHex);
          if (!pending) continue;
          waiters.delete(hashHex);
          for (const settle of pending) settle(outcome);
        }
        for (const listener of blockListeners) listener(block, outcomes);
      });
    },
    stop(): void {
      unsubscribe?.();
      unsubscribe = null;
      unsubscribePool?.();
      unsubscribePool = null;
    },
    /** Calls `settle` once when the transaction's block is committed; returns a cancel. */
    wait(hashHex: string, settle: (outcome: TransactionOutcome) => void): () => void {
      const set = waiters.get(hashHex) ?? new Set();
      set.add(settle);
      waiters.set(hashHex, set);
      return () => {
        set.delete(settle);
        if (set.size === 0 && waiters.get(hashHex) === set) waiters.delete(hashHex);
      };
    },
    onBlock(listener: (block: CommittedBlock, outcomes: Map<string, TransactionOutcome>) => void) {
      blockListeners.add(listener);
      return () => blockListeners.delete(listener);
    },
    /** Transactions this API admitted to the pool (WebSocket: status pending). */
    admitted(hashes: string[]): void {
      for (const listener of admittedListeners) for (const hashHex of hashes) listener(hashHex);
    },
    onAdmitted(listener: (hashHex: string) => void): () => void {
      admittedListeners.add(listener);
      return () => admittedListeners.delete(listener);
    },
    waiting: (): number => waiters.size,
  };
}
