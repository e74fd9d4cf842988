export { BODY_OF_TYPE, checkOperation } from './check-operation.ts';
export {
  type DecodedTransaction,
  type DecodeTransactionOptions,
  decodeSignedTransaction,
} from './decode-transaction.ts';
export * as transactionLimits from './limits.ts';
export {
  RESULT_CODE_OF,
  TransactionError,
  TransactionErrorCode,
  type TransactionErrorMetadata,
} from './transaction-error.ts';
