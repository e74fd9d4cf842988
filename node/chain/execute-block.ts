// Executes a block's worth of admitted transactions in order: each gets a receipt, or is
// excluded (it could not have been sent now; a proposer leaves it out of the block).
import { hash as chainHash } from '../../assembly/bindings/crypto.ts';
import { merkleRoot } from '../../light-client/merkle/merkle-root.ts';
import { encodeCanonical, pvchain } from '../../proto/index.ts';
import {
  type AdmittedTransaction,
  type ExecutionContext,
  executeTransaction,
  type TransactionOutcome,
} from '../ledger/execute-transaction.ts';

export type ExecutedBlock<T extends AdmittedTransaction> = {
  /** The transactions that go into the block, in order. */
  included: T[];
  /** Their receipts' canonical encodings, in the same order. */
  receipts: Uint8Array[];
  excluded: { tx: T; outcome: Extract<TransactionOutcome, { kind: 'excluded' }> }[];
  transactionsRoot: Uint8Array;
  receiptsRoot: Uint8Array;
};

export function executeBlock<T extends AdmittedTransaction>(
  ctx: ExecutionContext,
  transactions: readonly T[],
): ExecutedBlock<T> {
  const included: T[] = [];
  const receipts: Uint8Array[] = [];
  const excluded: ExecutedBlock<T>['excluded'] = [];
  for (const tx of transactions) {
    const outcome = executeTransaction(ctx, tx);
    if (outcome.kind === 'excluded') {
      excluded.push({ tx, outcome });
      continue;
    }
    included.push(tx);
    receipts.push(encodeCanonical(pvchain.v1.Receipt, outcome.receipt));
  }
  const alg = ctx.rules.hash;
  return {
    included,
    receipts,
    excluded,
    transactionsRoot: merkleRoot(
      alg,
      included.map((tx) => tx.decoded.hash),
    ),
    receiptsRoot: merkleRoot(
      alg,
      receipts.map((receipt) => chainHash(alg, receipt)),
    ),
  };
}
