/**
 * Gas metering by rewriting the module (ADR 0009). Each structured block - a function body, and
 * the body of every block, loop, if and else - is charged on entry the sum of the costs of the
 * instructions directly inside it (a nested block's opening instruction counts in its parent).
 * A loop's charge sits at the loop's start, so every iteration pays. Charging a whole block on
 * entry overcharges when a branch leaves it early, which is deterministic and conservative.
 *
 * The injected code: a mutable i64 global `__pvchain_gas` (exported so the runner can set and
 * read it), a helper function `charge(i64)` that subtracts and executes `unreachable` when the
 * result is negative, `grow_gas(i32) -> i32` called before every memory.grow to charge per
 * requested page, and around every call `enter(cost)` / `leave(cost)`, which keep a call-depth
 * counter `__pvchain_depth` and a stack budget `__pvchain_stack`: the slots used by the frames
 * of the calls in progress (each function's frame cost - parameters, locals, maximum
 * operand-stack height, a fixed overhead - computed by the reader). Deep recursion, or
 * recursion of large frames, traps at the same point on every engine instead of overflowing the
 * engine's native stack; the helper sets the counter that overflowed to -1 before trapping,
 * which is how the runner tells these traps apart.
 */

import { ContractErrorCode as Code, ContractError } from './errors.ts';
import { meterBody } from './gas-body.ts';
import { gasHelperBodies } from './gas-helpers.ts';
import { encodeS64, encodeU32 } from './leb128.ts';
import {
  type ContractLimits,
  type ContractModuleInfo,
  DEFAULT_CONTRACT_LIMITS,
  FRAME_OVERHEAD_SLOTS,
  type Section,
  validateContractModule,
} from './validate.ts';

/** Gas cost of one instruction of each class, plus memory growth per page. */
export interface GasSchedule {
  /** unreachable, nop, block, loop, if, br, br_if, return, drop, select. */
  control: number;
  /** br_table. */
  branchTable: number;
  /** local.get, local.set, local.tee. */
  local: number;
  /** global.get, global.set. */
  global: number;
  /** i32.const, i64.const. */
  const: number;
  /** Integer loads. */
  load: number;
  /** Integer stores. */
  store: number;
  memorySize: number;
  /** memory.grow itself; each requested page costs `memoryGrowPerPage` more. */
  memoryGrow: number;
  memoryGrowPerPage: number;
  /** Integer comparisons, add, sub, bitwise, shifts, rotations, clz/ctz/popcnt, conversions. */
  arith: number;
  /** i32.mul, i64.mul. */
  mul: number;
  /** Integer div and rem. */
  div: number;
  /** call (to a contract function or a host import; the host charges its own work too). */
  call: number;
  callIndirect: number;
}

export const DEFAULT_GAS_SCHEDULE: Readonly<GasSchedule> = Object.freeze({
  control: 1,
  branchTable: 3,
  local: 1,
  global: 2,
  const: 1,
  load: 3,
  store: 3,
  memorySize: 2,
  memoryGrow: 100,
  memoryGrowPerPage: 1000,
  arith: 1,
  mul: 3,
  div: 8,
  call: 10,
  callIndirect: 15,
});

export interface MeteringOptions {
  /** The limits the module is checked against first (its allowed imports, memory...). */
  limits?: ContractLimits;
  /** Deepest nesting of calls; one more traps. */
  maxCallDepth?: number;
  /**
   * Most value slots the frames of the calls in progress may use together (the entry's frame
   * counts as the largest frame of the module); a call beyond it traps. A module with a
   * function whose frame alone exceeds it is refused (CONTRACT_FEATURE).
   */
  stackBudget?: number;
}

/** Deepest nesting of calls; frames are weighed by the stack budget besides. */
export const DEFAULT_MAX_CALL_DEPTH = 128;
/**
 * Value slots of all frames in progress. The worst frames measured in V8 (Node 24, Liftoff;
 * many parameters) overflow its native stack after about 83,000 slots with the default stack
 * (984 KiB) and 40,600 with half of it; this is half of the latter (ADR 0009, "Stack budget").
 */
export const DEFAULT_STACK_BUDGET = 20_000;
export const GAS_EXPORT = '__pvchain_gas';
export const DEPTH_EXPORT = '__pvchain_depth';
export const STACK_EXPORT = '__pvchain_stack';
/** The module's own mutable global `i` is exported as this prefix + i (instance-pool.ts). */
export const GLOBAL_EXPORT_PREFIX = '__pvchain_global_';

function checkSchedule(schedule: GasSchedule): void {
  for (const [key, value] of Object.entries(schedule))
    if (!Number.isSafeInteger(value) || value < 0 || value > 2 ** 30)
      throw new RangeError(`gas schedule ${key} must be an integer in [0, 2^30]`);
}

function section(id: number, payload: readonly number[] | Uint8Array): number[] {
  return [id, ...encodeU32(payload.length), ...payload];
}

/** A vector section with `extra` entries appended (or a new one). */
function extendVector(
  bytes: Uint8Array,
  s: Section | undefined,
  extra: readonly (readonly number[])[],
): number[] {
  const count = (s?.count ?? 0) + extra.length;
  const out = encodeU32(count);
  if (s) for (let i = s.entriesStart; i < s.end; i++) out.push(bytes[i] as number);
  for (const e of extra) for (const x of e) out.push(x);
  return out;
}

function nameBytes(name: string): number[] {
  const b = new TextEncoder().encode(name);
  return [...encodeU32(b.length), ...b];
}

/**
 * Returns a new module in which every block charges gas (see the file comment). The input must
 * pass `validateContractModule(bytes, options.limits)`, which this calls first.
 */
export function injectGasMetering(
  bytes: Uint8Array,
  schedule: GasSchedule = DEFAULT_GAS_SCHEDULE,
  options: MeteringOptions = {},
): Uint8Array {
  checkSchedule(schedule);
  const maxCallDepth = options.maxCallDepth ?? DEFAULT_MAX_CALL_DEPTH;
  if (!Number.isSafeInteger(maxCallDepth) || maxCallDepth < 1 || maxCallDepth > 2 ** 20)
    throw new RangeError('maxCallDepth must be an integer in [1, 2^20]');
  const stackBudget = options.stackBudget ?? DEFAULT_STACK_BUDGET;
  if (!Number.isSafeInteger(stackBudget) || stackBudget < 1 || stackBudget > 2 ** 30)
    throw new RangeError('stackBudget must be an integer in [1, 2^30]');
  const info = validateContractModule(bytes, options.limits ?? DEFAULT_CONTRACT_LIMITS);
  return rewrite(info, schedule, maxCallDepth, stackBudget);
}

/** The frame cost charged for a call to each function (imports: the fixed overhead only). */
function callCosts(info: ContractModuleInfo): { direct: number[]; indirect: Map<string, number> } {
  const direct: number[] = [];
  const indirect = new Map<string, number>();
  for (let i = 0; i < info.funcTypes.length; i++) {
    const body = info.bodies[i - info.importedFunctionCount];
    const cost = body ? body.frameCost : FRAME_OVERHEAD_SLOTS;
    direct.push(cost);
    // call_indirect may reach any function of an equal signature: charge the largest.
    const key = info.typeKeys[info.funcTypes[i] as number] as string;
    indirect.set(key, Math.max(indirect.get(key) ?? 0, cost));
  }
  return { direct, indirect };
}

function rewrite(
  info: ContractModuleInfo,
  schedule: GasSchedule,
  maxCallDepth: number,
  stackBudget: number,
): Uint8Array {
  const { bytes } = info;
  const byId = new Map(info.sections.map((s) => [s.id, s]));
  const t = info.typeCount;
  const typeCharge = t; // (i64) -> ()
  const typeGrow = t + 1; // (i32) -> (i32)
  const typeCost = t + 2; // (i32) -> ()
  const f = info.importedFunctionCount + info.functionCount;
  const fnCharge = f;
  const fnGrow = f + 1;
  const fnEnter = f + 2;
  const fnLeave = f + 3;
  const gGas = info.globalCount; // global imports are refused, so no imported globals
  const gDepth = gGas + 1;
  const gStack = gGas + 2;

  const costs = callCosts(info);
  // The entry is called by the host: its frame is counted from the start as the largest one.
  let entryFrame = FRAME_OVERHEAD_SLOTS;
  for (const b of info.bodies) entryFrame = Math.max(entryFrame, b.frameCost);
  if (entryFrame > stackBudget)
    throw new ContractError(
      Code.FEATURE,
      `a function's frame of ${entryFrame} slots exceeds the stack budget of ${stackBudget}`,
      { sizeBytes: bytes.length },
    );

  const helpers = gasHelperBodies(
    { gas: gGas, depth: gDepth, stack: gStack, chargeFunction: fnCharge },
    { memoryGrowPerPage: schedule.memoryGrowPerPage, maxCallDepth, stackBudget },
  );

  const bodies = info.bodies.map((fn) =>
    meterBody(bytes, fn, schedule, fnCharge, fnGrow, fnEnter, fnLeave, (ins) =>
      ins.op === 0x10
        ? (costs.direct[ins.imm] ?? FRAME_OVERHEAD_SLOTS)
        : (costs.indirect.get(info.typeKeys[ins.imm] ?? '') ?? FRAME_OVERHEAD_SLOTS),
    ),
  );

  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  // One push per byte: spreading a large section into push() would exceed the JS stack.
  const emit = (xs: readonly number[]) => {
    for (const x of xs) out.push(x);
  };
  const copy = (id: number) => {
    const s = byId.get(id);
    if (s) emit(section(id, bytes.subarray(s.start, s.end)));
  };
  emit(
    section(
      1,
      extendVector(bytes, byId.get(1), [
        [0x60, 1, 0x7e, 0],
        [0x60, 1, 0x7f, 1, 0x7f],
        [0x60, 1, 0x7f, 0],
      ]),
    ),
  );
  copy(2);
  emit(
    section(
      3,
      extendVector(bytes, byId.get(3), [
        encodeU32(typeCharge),
        encodeU32(typeGrow),
        encodeU32(typeCost),
        encodeU32(typeCost),
      ]),
    ),
  );
  copy(4);
  copy(5);
  emit(
    section(
      6,
      extendVector(bytes, byId.get(6), [
        [0x7e, 0x01, 0x42, 0x00, 0x0b],
        [0x7f, 0x01, 0x41, 0x00, 0x0b],
        [0x7f, 0x01, 0x41, ...encodeS64(BigInt(entryFrame)), 0x0b],
      ]),
    ),
  );
  emit(
    section(
      7,
      extendVector(bytes, byId.get(7), [
        [...nameBytes(GAS_EXPORT), 0x03, ...encodeU32(gGas)],
        [...nameBytes(DEPTH_EXPORT), 0x03, ...encodeU32(gDepth)],
        [...nameBytes(STACK_EXPORT), 0x03, ...encodeU32(gStack)],
        ...info.mutableGlobals.map((g) => [
          ...nameBytes(`${GLOBAL_EXPORT_PREFIX}${g}`),
          0x03,
          ...encodeU32(g),
        ]),
      ]),
    ),
  );
  copy(9);
  copy(12);
  const code = encodeU32(bodies.length + helpers.length);
  for (const b of [...bodies.map((b) => [...encodeU32(b.length), ...b]), ...helpers])
    for (const x of b) code.push(x);
  emit(section(10, code));
  copy(11);
  const result = new Uint8Array(out);
  if (!WebAssembly.validate(result))
    throw new ContractError(Code.MALFORMED, 'instrumented module does not validate', {
      sizeBytes: bytes.length,
    });
  return result;
}
