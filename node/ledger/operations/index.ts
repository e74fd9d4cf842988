// The operations the ledger executes, by the oneof member of their body.
import type { pvchain } from '../../../proto/index.ts';
import { fail, ResultCode } from '../operation-failure.ts';
import {
  createAccount,
  setMetadata,
  setRealName,
  setSignerWeight,
  setThreshold,
} from './accounts.ts';
import { issueAsset, payment } from './assets.ts';
import type { OperationContext } from './context.ts';
import { callContract, deployContract } from './contracts.ts';
import { registerMeter, submitMeterReadings } from './meters.ts';
import { setValidators } from './validators.ts';

type Operation = pvchain.v1.Operation.$Properties;
type Handler = (ctx: OperationContext, body: never) => void;

const handlers: Partial<Record<keyof Operation, Handler>> = {
  createAccount,
  issueAsset,
  payment,
  setMetadata,
  setSignerWeight,
  setThreshold,
  setRealName,
  deployContract,
  callContract,
  registerMeter,
  meterReading: submitMeterReadings,
  setValidators,
};

export const accountOperations = {
  /** Applies one operation whose parameters passed the stateless checks. */
  apply(ctx: OperationContext, operation: Operation): void {
    for (const [name, handler] of Object.entries(handlers) as [keyof Operation, Handler][]) {
      const body = operation[name];
      if (body != null) {
        handler(ctx, body as never);
        return;
      }
    }
    fail(ResultCode.RESULT_CODE_INVALID_OPERATION, 'the operation has no body');
  },
};
