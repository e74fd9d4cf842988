// Runs one call of a deployed contract inside an operation: the host executes it against the
// world state, its gas is added to the transaction's, and a call that does not end `ok` fails
// the operation with the matching result code (the transaction rolls back, its nonce is spent).
import {
  type Allowance,
  type InvocationResult,
  invokeContract,
} from '../../../light-client/contracts/index.ts';
import { type AccountRecord, toHex } from '../account-record.ts';
import { fail, ResultCode } from '../operation-failure.ts';
import type { OperationContext } from '../operations/context.ts';
import { compiledContract } from './module-cache.ts';
import { worldLedger } from './world-ledger.ts';

export type ContractCallRequest = {
  contract: AccountRecord;
  entry: string;
  input: Uint8Array;
  caller: Uint8Array;
  allowances?: readonly Allowance[];
  /** Gas for this call; by default what the transaction has left. */
  gasLimit?: bigint;
  /** Whether the gas comes out of the transaction's gas_limit (false for system calls). */
  paidByTransaction?: boolean;
};

const FAILURES = {
  reverted: ResultCode.RESULT_CODE_CONTRACT_REVERTED,
  out_of_gas: ResultCode.RESULT_CODE_OUT_OF_GAS,
  trap: ResultCode.RESULT_CODE_CONTRACT_TRAP,
} as const;

export function runContract(ctx: OperationContext, request: ContractCallRequest): InvocationResult {
  const { contract } = request;
  const code = ctx.state.code(contract.codeHash);
  if (!code) throw new Error(`the code of contract ${toHex(contract.address)} is missing`);
  const paid = request.paidByTransaction ?? true;
  const gasLimit = request.gasLimit ?? ctx.effects.gasLeft;
  const energy = ctx.rules.energyContract;
  const isEnergy = energy !== undefined && toHex(energy.address) === toHex(contract.address);
  const result = invokeContract({
    module: compiledContract(contract.codeHash, code),
    entry: request.entry,
    input: request.input,
    caller: request.caller,
    self: contract.address,
    height: ctx.height,
    timeMs: ctx.timeMs,
    gasLimit,
    treasury: isEnergy ? energy.grid : undefined,
    allowances: request.allowances,
    ledger: worldLedger(ctx, contract.address),
  });
  ctx.effects.gasUsed += result.gasUsed;
  if (paid) ctx.effects.gasLeft -= result.gasUsed;
  if (result.kind !== 'ok') {
    const detail =
      result.kind === 'reverted'
        ? result.reason
        : result.kind === 'trap'
          ? result.message
          : 'out of gas';
    fail(FAILURES[result.kind], `${request.entry}: ${detail}`);
  }
  for (const event of result.events)
    ctx.effects.events.push({ contract: contract.address, topic: event.topic, data: event.data });
  ctx.effects.output = result.output;
  return result;
}
