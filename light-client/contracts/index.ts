/** The contract sandbox (ADR 0009): validation, gas metering and one call's execution. */

export { bytesEqual, createTransferAuthority, type TransferAuthority } from './authority.ts';
export { ContractError, ContractErrorCode, type ContractErrorMetadata } from './errors.ts';
export {
  DEFAULT_GAS_SCHEDULE,
  DEFAULT_MAX_CALL_DEPTH,
  DEFAULT_STACK_BUDGET,
  DEPTH_EXPORT,
  GAS_EXPORT,
  type GasSchedule,
  injectGasMetering,
  type MeteringOptions,
  STACK_EXPORT,
} from './gas.ts';
export {
  CONTRACT_LIMITS,
  type ContractInvocation,
  HOST_API_IMPORTS,
  type InvocationResult,
  invokeContract,
  prepareContract,
} from './host.ts';
export { encodeMeterRecord } from './host-imports.ts';
export {
  ADDRESS_BYTES,
  type Allowance,
  type AssetRef,
  type ContractEvent,
  type ContractLedger,
  HOST_GAS,
  HOST_LIMITS,
  METER_RECORD_BYTES,
  type MeterView,
  TransferStatus,
} from './host-types.ts';
export { createMemoryLedger, type MemoryLedger } from './memory-ledger.ts';
export {
  type ContractCall,
  type ContractCallResult,
  type ContractHostContext,
  type ContractValue,
  type HostFunction,
  MAX_REVERT_REASON_BYTES,
  runContractCall,
} from './runner.ts';
export {
  type ContractLimits,
  type ContractModuleInfo,
  DEFAULT_CONTRACT_LIMITS,
  FRAME_OVERHEAD_SLOTS,
  RESERVED_EXPORT_PREFIX,
  validateContractModule,
} from './validate.ts';
