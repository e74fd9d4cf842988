// Whether a gossiped transaction is forwarded: what this node's admission said of it. Admitted:
// forward. Malformed, wrongly signed or of another chain: reject (the sender is penalised). Valid
// but not poolable here and now (a duplicate, a nonce out of the window, a full pool): drop
// quietly, since an honest peer may well have sent it. A gossiped batch is admitted in one call,
// so its signatures are checked by one batch verification (docs/adr/0016).
import type { Admission, Mempool } from '../mempool/mempool.ts';
import type { TransactionVerdict } from '../p2p/index.ts';

const QUIET = new Set([
  'TX_DUPLICATE',
  'TX_POOL_FULL',
  'TX_ACCOUNT_POOL_FULL',
  'TX_NONCE_TOO_SMALL',
  'TX_NONCE_TOO_LARGE',
  'TX_SOURCE_NOT_FOUND',
  'TX_INSUFFICIENT_WEIGHT',
  'TX_EXPIRED',
]);

export function transactionVerdict(answer: Admission | undefined): TransactionVerdict {
  if (!answer) return 'ignore';
  if (answer.ok) return 'accept';
  return QUIET.has(answer.code) ? 'ignore' : 'reject';
}

/**
 * The validator of gossiped batches for P2PNode.onTransactions: admits the whole batch to the
 * pool at once and calls `onAdmitted` when any transaction went in.
 */
export function admitGossiped(
  mempool: Pick<Mempool, 'admit'>,
  onAdmitted: (hashes: Uint8Array[]) => void,
): (transactions: Uint8Array[]) => Promise<TransactionVerdict[]> {
  return async (transactions) => {
    const answers = await mempool.admit(transactions);
    const admitted = answers.flatMap((a) => (a.ok ? [a.hash] : []));
    if (admitted.length > 0) onAdmitted(admitted);
    return answers.map(transactionVerdict);
  };
}
