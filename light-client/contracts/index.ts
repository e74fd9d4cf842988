/** The contract sandbox (ADR 0009): validation, gas metering and one call's execution. */

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
