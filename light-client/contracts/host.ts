/**
 * The contract host: prepares a module for deployment (validation and gas metering with the
 * host API's limits) and runs one call of it against a ContractLedger, returning what happened
 * as a value with the call's output and events (docs/contracts.md).
 */
import { createTransferAuthority } from './authority.ts';
import { DEFAULT_GAS_SCHEDULE, injectGasMetering } from './gas.ts';
import { createHostImports, HOST_API_IMPORTS } from './host-imports.ts';
import {
  type Allowance,
  type ContractEvent,
  type ContractLedger,
  HOST_LIMITS,
} from './host-types.ts';
import { type ContractCallResult, runContractCall } from './runner.ts';
import { type ContractLimits, DEFAULT_CONTRACT_LIMITS } from './validate.ts';

export { HOST_API_IMPORTS } from './host-imports.ts';

/** What a deployed contract is checked against: the host API and an exported memory. */
export const CONTRACT_LIMITS: ContractLimits = Object.freeze({
  ...DEFAULT_CONTRACT_LIMITS,
  allowedImports: HOST_API_IMPORTS,
  requiredExports: Object.freeze([{ name: 'memory', kind: 'memory' as const }]),
});

/** Validates a contract's Wasm and instruments it with gas metering; throws ContractError. */
export function prepareContract(code: Uint8Array): Uint8Array<ArrayBuffer> {
  const instrumented = injectGasMetering(code, DEFAULT_GAS_SCHEDULE, { limits: CONTRACT_LIMITS });
  return instrumented as Uint8Array<ArrayBuffer>; // freshly built, never shared memory
}

export type ContractInvocation = {
  /** The instrumented module (prepareContract), or its compiled form. */
  module: Uint8Array | WebAssembly.Module;
  /** The exported function to call (no parameters, no result). */
  entry: string;
  input: Uint8Array;
  /** The transaction's source account. */
  caller: Uint8Array;
  /** The contract's own address. */
  self: Uint8Array;
  height: bigint;
  timeMs: bigint;
  gasLimit: bigint;
  /** An account whose funds count as the contract's own (the energy contract's grid). */
  treasury?: Uint8Array | undefined;
  allowances?: readonly Allowance[] | undefined;
  ledger: ContractLedger;
};

export type InvocationResult = ContractCallResult & {
  /** What the call wrote with output_write (empty unless it ended `ok`). */
  output: Uint8Array;
  /** Events in emission order (empty unless it ended `ok`). */
  events: ContractEvent[];
};

export function invokeContract(invocation: ContractInvocation): InvocationResult {
  if (invocation.input.length > HOST_LIMITS.maxInputBytes)
    throw new RangeError(`contract input above ${HOST_LIMITS.maxInputBytes} bytes`);
  const frame = {
    input: invocation.input,
    caller: invocation.caller,
    self: invocation.self,
    height: invocation.height,
    timeMs: invocation.timeMs,
    ledger: invocation.ledger,
    authority: createTransferAuthority(invocation),
    output: new Uint8Array(0),
    events: [] as ContractEvent[],
  };
  const result = runContractCall(invocation.module, {
    entry: invocation.entry,
    gasLimit: invocation.gasLimit,
    imports: (ctx) => createHostImports(ctx, frame),
  });
  return result.kind === 'ok'
    ? { ...result, output: frame.output, events: frame.events }
    : { ...result, output: new Uint8Array(0), events: [] };
}
