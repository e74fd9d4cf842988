// Whether a gossiped transaction is forwarded: what this node's admission said of it. Admitted:
// forward. Malformed, wrongly signed or of another chain: reject (the sender is penalised). Valid
// but not poolable here and now (a duplicate, a nonce out of the window, a full pool): drop
// quietly, since an honest peer may well have sent it.
import type { Admission } from '../mempool/mempool.ts';
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
