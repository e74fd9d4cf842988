// Why a transaction is refused before it reaches a pool: a stable code, the ResultCode that a
// receipt or an API answer carries for it, and where in the transaction the problem is.
import { pvchain } from '../../proto/index.ts';

const { ResultCode } = pvchain.v1;

export const TransactionErrorCode = {
  /** Larger than the size limit; nothing was parsed. */
  TOO_LARGE: 'TX_TOO_LARGE',
  /** Not decodable, not canonical, or a transaction-level field out of range. */
  MALFORMED: 'TX_MALFORMED',
  /** chain_id is not this chain's. */
  WRONG_CHAIN: 'TX_WRONG_CHAIN',
  /** An operation's parameters are invalid (the operation is named by its 1-based index). */
  INVALID_OPERATION: 'TX_INVALID_OPERATION',
  /** A signature does not verify. */
  BAD_SIGNATURE: 'TX_BAD_SIGNATURE',
  /** expiry_height has passed. */
  EXPIRED: 'TX_EXPIRED',
} as const;

export type TransactionErrorCode = (typeof TransactionErrorCode)[keyof typeof TransactionErrorCode];

/** The receipt / API result code of each refusal. */
export const RESULT_CODE_OF: Readonly<Record<TransactionErrorCode, pvchain.v1.ResultCode>> = {
  TX_TOO_LARGE: ResultCode.RESULT_CODE_TOO_LARGE,
  TX_MALFORMED: ResultCode.RESULT_CODE_MALFORMED,
  TX_WRONG_CHAIN: ResultCode.RESULT_CODE_WRONG_CHAIN,
  TX_INVALID_OPERATION: ResultCode.RESULT_CODE_INVALID_OPERATION,
  TX_BAD_SIGNATURE: ResultCode.RESULT_CODE_BAD_SIGNATURE,
  TX_EXPIRED: ResultCode.RESULT_CODE_EXPIRED,
};

export type TransactionErrorMetadata = {
  /** 1-based index of the offending operation, 0 when the problem is not one operation's. */
  operation?: number;
  /** The field at fault, e.g. "payment.amount". */
  field?: string;
};

export class TransactionError extends Error {
  readonly code: TransactionErrorCode;
  readonly resultCode: pvchain.v1.ResultCode;
  readonly operation: number;
  readonly field: string | undefined;
  /** The message without its code (for answers that carry the code beside it). */
  readonly description: string;

  constructor(
    code: TransactionErrorCode,
    message: string,
    metadata: TransactionErrorMetadata = {},
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
    this.name = 'TransactionError';
    this.code = code;
    this.resultCode = RESULT_CODE_OF[code];
    this.operation = metadata.operation ?? 0;
    this.field = metadata.field;
    this.description = message;
  }

  toJSON(): {
    code: TransactionErrorCode;
    resultCode: number;
    message: string;
    operation: number;
    field?: string;
  } {
    const { code, resultCode, message, operation, field } = this;
    return { code, resultCode, message, operation, ...(field === undefined ? {} : { field }) };
  }
}
