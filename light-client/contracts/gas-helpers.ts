// The four functions injectGasMetering appends to a contract, as Wasm bytecode:
// charge(cost), grow_gas(pages), enter(frame cost) and leave(frame cost).
import { encodeS64, encodeU32 } from './leb128.ts';

/** The opcodes the helpers use (WebAssembly core spec, section 5.4). */
const OP = {
  unreachable: 0x00,
  if: 0x04,
  blockTypeEmpty: 0x40,
  end: 0x0b,
  call: 0x10,
  localGet: 0x20,
  globalGet: 0x23,
  globalSet: 0x24,
  i32Const: 0x41,
  i64Const: 0x42,
  i32GtU: 0x4b,
  i64LtS: 0x53,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i64Sub: 0x7d,
  i64Mul: 0x7e,
  i64ExtendI32U: 0xad,
} as const;

export type GasHelperIndices = {
  /** Globals: gas left (i64), call depth (i32), stack slots used (i32). */
  gas: number;
  depth: number;
  stack: number;
  /** The index the charge function gets (grow_gas calls it). */
  chargeFunction: number;
};

export type GasHelperLimits = {
  memoryGrowPerPage: number;
  maxCallDepth: number;
  stackBudget: number;
};

/** A function body without locals, with its size prefix. */
function functionBody(code: number[]): number[] {
  const body = [0x00, ...code, OP.end];
  return [...encodeU32(body.length), ...body];
}

const global = (op: number, index: number): number[] => [op, ...encodeU32(index)];

/** global[index] (i32) += or -= the i32 that `push` leaves on the stack. */
function adjust(index: number, push: number[], op: number): number[] {
  return [...global(OP.globalGet, index), ...push, op, ...global(OP.globalSet, index)];
}

/** if (global[index] (i32) > limit) { global[index] = -1; unreachable }: -1 tells the runner why. */
function trapAbove(index: number, limit: number): number[] {
  return [
    ...global(OP.globalGet, index),
    OP.i32Const,
    ...encodeS64(BigInt(limit)),
    OP.i32GtU,
    OP.if,
    OP.blockTypeEmpty,
    OP.i32Const,
    0x7f,
    ...global(OP.globalSet, index),
    OP.unreachable,
    OP.end,
  ];
}

/** The bodies of charge, grow_gas, enter and leave, in that order. */
export function gasHelperBodies(at: GasHelperIndices, limits: GasHelperLimits): number[][] {
  const one = [OP.i32Const, 1];
  const cost = [OP.localGet, 0];
  return [
    // charge(cost: i64): gas -= cost; if (gas < 0) unreachable
    functionBody([
      ...global(OP.globalGet, at.gas),
      ...cost,
      OP.i64Sub,
      ...global(OP.globalSet, at.gas),
      ...global(OP.globalGet, at.gas),
      OP.i64Const,
      0,
      OP.i64LtS,
      OP.if,
      OP.blockTypeEmpty,
      OP.unreachable,
      OP.end,
    ]),
    // grow_gas(pages: i32): charge(pages * perPage); return pages
    functionBody([
      OP.localGet,
      0,
      OP.i64ExtendI32U,
      OP.i64Const,
      ...encodeS64(BigInt(limits.memoryGrowPerPage)),
      OP.i64Mul,
      OP.call,
      ...encodeU32(at.chargeFunction),
      OP.localGet,
      0,
    ]),
    // enter(cost: i32): depth += 1 and stack += cost, each trapping above its limit
    functionBody([
      ...adjust(at.depth, one, OP.i32Add),
      ...trapAbove(at.depth, limits.maxCallDepth),
      ...adjust(at.stack, cost, OP.i32Add),
      ...trapAbove(at.stack, limits.stackBudget),
    ]),
    // leave(cost: i32): depth -= 1; stack -= cost
    functionBody([...adjust(at.depth, one, OP.i32Sub), ...adjust(at.stack, cost, OP.i32Sub)]),
  ];
}
