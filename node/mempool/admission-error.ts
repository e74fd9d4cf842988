// Why the pool refuses a transaction: the stateless codes of light-client/transactions plus the
// codes that need the state or the pool. Stable: API answers and logs carry them.
import {
  RESULT_CODE_OF,
  type TransactionErrorCode,
} from '../../light-client/transactions/index.ts';
import { pvchain } from '../../proto/index.ts';

const { ResultCode } = pvchain.v1;

export const PoolRefusalCode = {
  /** The pool holds its maximum number of transactions. */
  POOL_FULL: 'TX_POOL_FULL',
  /** The source account has its maximum number of transactions pooled. */
  ACCOUNT_POOL_FULL: 'TX_ACCOUNT_POOL_FULL',
  /** The nonce is not above the source account's: the transaction was already executed. */
  NONCE_TOO_SMALL: 'TX_NONCE_TOO_SMALL',
  /** The same transaction, or another with the same source and nonce, is pooled. */
  DUPLICATE: 'TX_DUPLICATE',
  /** The source account does not exist. */
  SOURCE_NOT_FOUND: 'TX_SOURCE_NOT_FOUND',
  /** The valid signatures do not reach the source account's threshold. */
  INSUFFICIENT_WEIGHT: 'TX_INSUFFICIENT_WEIGHT',
  /** The nonce is too far above the account's (the pool holds a bounded gap). */
  NONCE_TOO_LARGE: 'TX_NONCE_TOO_LARGE',
} as const;

export type PoolRefusalCode = (typeof PoolRefusalCode)[keyof typeof PoolRefusalCode];
export type AdmissionCode = TransactionErrorCode | PoolRefusalCode;

const POOL_RESULT_CODES: Record<PoolRefusalCode, pvchain.v1.ResultCode> = {
  TX_POOL_FULL: ResultCode.RESULT_CODE_POOL_FULL,
  TX_ACCOUNT_POOL_FULL: ResultCode.RESULT_CODE_POOL_FULL,
  TX_NONCE_TOO_SMALL: ResultCode.RESULT_CODE_BAD_NONCE,
  TX_DUPLICATE: ResultCode.RESULT_CODE_DUPLICATE,
  TX_SOURCE_NOT_FOUND: ResultCode.RESULT_CODE_SOURCE_NOT_FOUND,
  TX_INSUFFICIENT_WEIGHT: ResultCode.RESULT_CODE_INSUFFICIENT_WEIGHT,
  TX_NONCE_TOO_LARGE: ResultCode.RESULT_CODE_BAD_NONCE,
};

export function resultCodeOf(code: AdmissionCode): pvchain.v1.ResultCode {
  return (
    (RESULT_CODE_OF as Record<string, pvchain.v1.ResultCode>)[code] ??
    POOL_RESULT_CODES[code as PoolRefusalCode]
  );
}
