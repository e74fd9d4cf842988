// An operation that cannot be applied to the state: the transaction's receipt carries the code,
// its changes roll back, its nonce is consumed.
import { pvchain } from '../../proto/index.ts';

export type ResultCode = pvchain.v1.ResultCode;
export const ResultCode = pvchain.v1.ResultCode;

export class OperationFailure extends Error {
  readonly resultCode: ResultCode;
  constructor(resultCode: ResultCode, message: string) {
    super(message);
    this.name = 'OperationFailure';
    this.resultCode = resultCode;
  }
}

export function fail(resultCode: ResultCode, message: string): never {
  throw new OperationFailure(resultCode, message);
}
