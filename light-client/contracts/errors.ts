/**
 * Errors of the contract sandbox. A module that a deployer (or a peer) supplies and that the
 * sandbox refuses throws ContractError with a stable `code`; misuse by the caller (a limit that
 * is not a number) throws the built-in TypeError / RangeError. Running a contract never throws
 * ContractError: a failed call is a result value (see runner.ts).
 */

export const ContractErrorCode = {
  /** Larger than `maxModuleBytes`; checked before anything is parsed. */
  TOO_LARGE: 'CONTRACT_TOO_LARGE',
  /** Not a valid WebAssembly module (bad magic, truncated, fails validation). */
  MALFORMED: 'CONTRACT_MALFORMED',
  /** A floating-point instruction, or an f32/f64 value type anywhere in the module. */
  FLOAT: 'CONTRACT_FLOAT',
  /** An import other than an allowed function of the host module `env`. */
  IMPORT: 'CONTRACT_IMPORT',
  /** No memory maximum, or an initial / maximum size above `maxMemoryPages`; shared memory. */
  MEMORY: 'CONTRACT_MEMORY',
  /**
   * An instruction or section outside the accepted feature set: SIMD, threads / atomics, bulk
   * memory, reference types, exceptions, tail calls, memory64, multiple memories, a table
   * without a maximum or above `maxTableElements`, too many locals in a function.
   */
  FEATURE: 'CONTRACT_FEATURE',
  /** The module has a start function (it would run at instantiation, unmetered). */
  START: 'CONTRACT_START',
  /** A required export is missing or of the wrong kind, or an export uses a reserved name. */
  EXPORT: 'CONTRACT_EXPORT',
} as const;

export type ContractErrorCode = (typeof ContractErrorCode)[keyof typeof ContractErrorCode];

export interface ContractErrorMetadata {
  /** Size of the module in bytes. */
  sizeBytes: number;
  /** Byte offset in the module where the problem was found, when known. */
  offset?: number;
}

export class ContractError extends Error {
  readonly code: ContractErrorCode;
  readonly sizeBytes: number;
  readonly offset: number | undefined;

  constructor(
    code: ContractErrorCode,
    message: string,
    metadata: ContractErrorMetadata,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
    this.name = 'ContractError';
    this.code = code;
    this.sizeBytes = metadata.sizeBytes;
    this.offset = metadata.offset;
  }

  /** The code and metadata, e.g. for structured logs and API error bodies. */
  toJSON(): { code: ContractErrorCode; message: string; sizeBytes: number; offset?: number } {
    const { code, message, sizeBytes, offset } = this;
    return offset === undefined
      ? { code, message, sizeBytes }
      : { code, message, sizeBytes, offset };
  }
}
