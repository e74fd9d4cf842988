/**
 * The operand-stack height analysis behind each function's frame cost (ADR 0009, "Frame cost"):
 * one linear pass over a decoded body, validation-style.
 */
import type { Instr } from './wasm-reader.ts';

/** Parameter and result counts of a function type. */
export interface FuncArity {
  params: number;
  results: number;
}

/**
 * Operand-stack effect [pops, pushes] of the instructions whose effect does not depend on an
 * immediate (everything but control flow and calls), by opcode.
 */
function fixedEffect(op: number): [number, number] {
  if (op === 0x01) return [0, 0]; // nop
  if (op === 0x1a) return [1, 0]; // drop
  if (op === 0x1b) return [3, 1]; // select
  if (op === 0x20 || op === 0x23 || op === 0x3f || op === 0x41 || op === 0x42) return [0, 1];
  if (op === 0x21 || op === 0x24) return [1, 0]; // local.set, global.set
  if (op === 0x22) return [1, 1]; // local.tee
  if (op >= 0x28 && op <= 0x35) return [1, 1]; // loads
  if (op >= 0x36 && op <= 0x3e) return [2, 0]; // stores
  if (op === 0x40) return [1, 1]; // memory.grow
  if (op === 0x45 || op === 0x50) return [1, 1]; // eqz
  if ((op >= 0x46 && op <= 0x4f) || (op >= 0x51 && op <= 0x5a)) return [2, 1]; // comparisons
  if ((op >= 0x67 && op <= 0x69) || (op >= 0x79 && op <= 0x7b)) return [1, 1]; // clz ctz popcnt
  if ((op >= 0x6a && op <= 0x78) || (op >= 0x7c && op <= 0x8a)) return [2, 1]; // binary
  if (op === 0xa7 || op === 0xac || op === 0xad || (op >= 0xc0 && op <= 0xc4)) return [1, 1];
  throw new RangeError(`no stack effect for opcode 0x${op.toString(16)}`);
}

/**
 * The largest operand-stack height (in values) a function body reaches, by one linear pass in
 * the style of Wasm validation: each block remembers the height below its parameters; `else`
 * and `end` reset the height to the block's parameters / results; after `unreachable`, `br`,
 * `br_table` and `return` the rest of the block is unreachable and its height restarts from the
 * block's base (values pushed there still count, which can only overestimate). The module has
 * passed `WebAssembly.validate`, so reachable code never pops below its block's base.
 * `types` are the module's function types, `funcTypes` the type index of every function
 * (imports first).
 */
export function maxStackHeight(
  instrs: readonly Instr[],
  types: readonly FuncArity[],
  funcTypes: readonly number[],
): number {
  const arity = (blockType: number): FuncArity =>
    blockType === -1
      ? { params: 0, results: 0 }
      : blockType === -2
        ? { params: 0, results: 1 }
        : (types[blockType] ?? { params: 0, results: 0 });
  // The function's own frame: base 0; its end is the last instruction.
  const frames: { base: number; params: number; results: number }[] = [
    { base: 0, params: 0, results: 0 },
  ];
  let height = 0;
  let max = 0;
  const effect = (pops: number, pushes: number) => {
    const base = frames[frames.length - 1]?.base ?? 0;
    height = Math.max(base, height - pops) + pushes;
    if (height > max) max = height;
  };
  const unreachable = () => {
    height = frames[frames.length - 1]?.base ?? 0;
  };
  for (const ins of instrs) {
    switch (ins.op) {
      case 0x00: // unreachable
      case 0x0c: // br
      case 0x0e: // br_table (its index is popped, then the rest is unreachable)
      case 0x0f: // return
        unreachable();
        break;
      case 0x02: // block
      case 0x03: // loop
      case 0x04: {
        // if
        if (ins.op === 0x04) effect(1, 0);
        const a = arity(ins.imm);
        frames.push({ base: Math.max(0, height - a.params), ...a });
        break;
      }
      case 0x05: {
        // else
        const f = frames[frames.length - 1];
        if (f) height = f.base + f.params;
        break;
      }
      case 0x0b: {
        // end
        const f = frames.pop();
        if (f) height = f.base + f.results;
        if (height > max) max = height;
        break;
      }
      case 0x0d: // br_if
        effect(1, 0);
        break;
      case 0x10: {
        const a = types[funcTypes[ins.imm] ?? -1] ?? { params: 0, results: 0 };
        effect(a.params, a.results);
        break;
      }
      case 0x11: {
        const a = types[ins.imm] ?? { params: 0, results: 0 };
        effect(a.params + 1, a.results);
        break;
      }
      default: {
        const [pops, pushes] = fixedEffect(ins.op);
        effect(pops, pushes);
      }
    }
  }
  return max;
}
