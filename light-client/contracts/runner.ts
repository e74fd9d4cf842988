/**
 * Runs one call of an instrumented contract (gas.ts) in an instance in its just-instantiated
 * state (instance-pool.ts) and returns what happened as a value: the contract's behaviour (a
 * trap, running out of gas, a revert) never throws. Misuse by the host (a missing host import, arguments of the wrong JS type) does.
 */

import { DEPTH_EXPORT, GAS_EXPORT, STACK_EXPORT } from './gas.ts';
import { acquireInstance, type PooledInstance } from './instance-pool.ts';

export type ContractValue = number | bigint | undefined;

export type ContractCallResult =
  | { kind: 'ok'; value: ContractValue; gasUsed: bigint }
  | { kind: 'out_of_gas'; gasUsed: bigint }
  | { kind: 'trap'; message: string; gasUsed: bigint }
  | { kind: 'reverted'; reason: string; gasUsed: bigint };

/** What a host function may do besides computing its result. */
export interface ContractHostContext {
  /** The contract's exported `memory`, if any (a fresh view each time: memory can grow). */
  memory(): Uint8Array | undefined;
  /** Charges host work; when the gas runs out the call ends with `out_of_gas`. */
  chargeGas(amount: bigint): void;
  gasLeft(): bigint;
  /** Ends the call with `reverted` and this reason. */
  revert(reason: string): never;
  /** Ends the call with `trap` (e.g. a pointer out of bounds). */
  trap(message: string): never;
}

// biome-ignore lint/suspicious/noExplicitAny: host functions take and return Wasm values
export type HostFunction = (...args: any[]) => unknown;

export interface ContractCall {
  /** Name of the exported function to call. */
  entry: string;
  /** Its arguments: numbers for i32, bigints for i64. */
  args?: readonly (number | bigint)[];
  /** Gas available to the call, at most 2^63 - 1. */
  gasLimit: bigint;
  /** Host functions of the module `env`, given the call's context. `revert` is provided. */
  imports?: (ctx: ContractHostContext) => Record<string, HostFunction>;
}

/** Longest revert reason kept, in bytes; longer ones are cut. */
export const MAX_REVERT_REASON_BYTES = 1024;

class Stop {
  readonly result: 'out_of_gas' | 'trap' | 'reverted';
  readonly message: string;
  constructor(result: 'out_of_gas' | 'trap' | 'reverted', message: string) {
    this.result = result;
    this.message = message;
  }
}

const I64_MAX = (1n << 63n) - 1n;

/**
 * Instantiates `module` (an instrumented module, or its compiled form) synchronously and calls
 * `call.entry`. In a browser's main thread, synchronous compilation is limited to small modules:
 * pass a `WebAssembly.Module` compiled with `WebAssembly.compile`, or run this in a worker.
 */
export function runContractCall(
  module: Uint8Array | WebAssembly.Module,
  call: ContractCall,
): ContractCallResult {
  const { entry, args = [], gasLimit } = call;
  if (typeof gasLimit !== 'bigint' || gasLimit < 0n || gasLimit > I64_MAX)
    throw new RangeError('gasLimit must be a bigint in [0, 2^63 - 1]');
  const compiled =
    module instanceof WebAssembly.Module
      ? module
      : new WebAssembly.Module(module as Uint8Array<ArrayBuffer>);

  let exports: WebAssembly.Exports | undefined;
  const gasGlobal = () => exports?.[GAS_EXPORT] as WebAssembly.Global | undefined;
  const gasLeft = (): bigint => {
    const g = gasGlobal();
    return g ? (g.value as bigint) : gasLimit;
  };
  const used = (): bigint => {
    const left = gasLeft();
    return left < 0n ? gasLimit : gasLimit - left;
  };
  let view: Uint8Array | undefined;
  const memory = (): Uint8Array | undefined => {
    const m = exports?.memory;
    if (!(m instanceof WebAssembly.Memory)) return undefined;
    const buffer = m.buffer; // a new buffer after memory.grow
    if (view?.buffer !== buffer) view = new Uint8Array(buffer);
    return view;
  };
  const ctx: ContractHostContext = {
    memory,
    gasLeft,
    chargeGas(amount) {
      if (typeof amount !== 'bigint' || amount < 0n) throw new RangeError('bad gas amount');
      const g = gasGlobal();
      if (!g) return;
      const left = (g.value as bigint) - amount;
      g.value = left < 0n ? -1n : left;
      if (left < 0n) throw new Stop('out_of_gas', 'out of gas');
    },
    revert(reason) {
      throw new Stop('reverted', reason);
    },
    trap(message) {
      throw new Stop('trap', message);
    },
  };
  const env: Record<string, HostFunction> = {
    ...(call.imports?.(ctx) ?? {}),
    revert(ptr: number, len: number) {
      const mem = memory();
      const start = ptr >>> 0;
      const length = len >>> 0;
      if (!mem || start + length > mem.length) ctx.trap('revert reason out of bounds');
      const cut = Math.min(length, MAX_REVERT_REASON_BYTES);
      ctx.revert(new TextDecoder().decode(mem.subarray(start, start + cut)));
    },
  };

  const finish = (error: unknown): ContractCallResult => {
    if (error instanceof Stop) {
      if (error.result === 'reverted')
        return { kind: 'reverted', reason: error.message, gasUsed: used() };
      if (error.result === 'out_of_gas') return { kind: 'out_of_gas', gasUsed: gasLimit };
      return { kind: 'trap', message: error.message, gasUsed: used() };
    }
    if (error instanceof WebAssembly.RuntimeError) {
      if (gasLeft() < 0n) return { kind: 'out_of_gas', gasUsed: gasLimit };
      const depth = exports?.[DEPTH_EXPORT] as WebAssembly.Global | undefined;
      if (depth && depth.value === -1)
        return { kind: 'trap', message: 'call depth exceeded', gasUsed: used() };
      const stack = exports?.[STACK_EXPORT] as WebAssembly.Global | undefined;
      if (stack && stack.value === -1)
        return { kind: 'trap', message: 'stack budget exceeded', gasUsed: used() };
      return { kind: 'trap', message: error.message, gasUsed: used() };
    }
    if (error instanceof RangeError && /call stack/i.test(error.message))
      return { kind: 'trap', message: 'native stack exhausted', gasUsed: used() };
    throw error;
  };

  let lease: PooledInstance;
  try {
    lease = acquireInstance(compiled);
  } catch (error) {
    return finish(error); // a data segment out of bounds traps
  }
  try {
    lease.bind(env);
    exports = lease.exports;
    const g = gasGlobal();
    if (!g) throw new TypeError(`module is not instrumented (no ${GAS_EXPORT} export)`);
    g.value = gasLimit;
    const fn = exports[entry];
    if (typeof fn !== 'function')
      return { kind: 'trap', message: `no exported function ${entry}`, gasUsed: 0n };
    try {
      const value = (fn as (...a: unknown[]) => ContractValue)(...args);
      return { kind: 'ok', value, gasUsed: used() };
    } catch (error) {
      return finish(error);
    }
  } finally {
    lease.release();
  }
}
