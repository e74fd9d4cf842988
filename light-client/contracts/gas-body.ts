/**
 * The rewrite of one function body for gas metering (gas.ts, ADR 0009): a charge at the entry of
 * every structured block for the instructions directly inside it, `grow_gas` before each
 * memory.grow, and `enter` / `leave` around each call with the callee's frame cost.
 */
import type { GasSchedule } from './gas.ts';
import { encodeS64, encodeU32 } from './leb128.ts';
import type { ContractModuleInfo } from './validate.ts';
import type { Instr, InstrClass } from './wasm-reader.ts';

function classCost(schedule: GasSchedule, cls: InstrClass): number {
  return cls === 'structure' ? 0 : schedule[cls];
}

export function meterBody(
  bytes: Uint8Array,
  fn: ContractModuleInfo['bodies'][number],
  schedule: GasSchedule,
  fnCharge: number,
  fnGrow: number,
  fnEnter: number,
  fnLeave: number,
  frameCost: (call: Instr) => number,
): number[] {
  // Pieces of output; a frame's charge is filled into its placeholder when the frame closes.
  const pieces: (number[] | Uint8Array)[] = [bytes.subarray(fn.localsStart, fn.localsEnd)];
  const frames: { slot: number; cost: number }[] = [];
  const open = () => {
    frames.push({ slot: pieces.length, cost: 0 });
    pieces.push([]);
  };
  const close = () => {
    const frame = frames.pop();
    if (frame && frame.cost > 0)
      pieces[frame.slot] = [0x42, ...encodeS64(BigInt(frame.cost)), 0x10, ...encodeU32(fnCharge)];
  };
  open();
  for (const ins of fn.instrs) {
    const top = frames[frames.length - 1];
    if (top) top.cost += classCost(schedule, ins.cls);
    const raw = bytes.subarray(ins.start, ins.end);
    if (ins.op === 0x10 || ins.op === 0x11) {
      const cost = encodeS64(BigInt(frameCost(ins)));
      pieces.push([0x41, ...cost, 0x10, ...encodeU32(fnEnter)], raw, [
        0x41,
        ...cost,
        0x10,
        ...encodeU32(fnLeave),
      ]);
    } else if (ins.op === 0x40) {
      pieces.push([0x10, ...encodeU32(fnGrow)], raw);
    } else if (ins.op === 0x05) {
      close();
      pieces.push(raw);
      open();
    } else if (ins.op === 0x0b) {
      close();
      pieces.push(raw);
    } else {
      pieces.push(raw);
      if (ins.op === 0x02 || ins.op === 0x03 || ins.op === 0x04) open();
    }
  }
  const out: number[] = [];
  for (const p of pieces) for (const b of p) out.push(b);
  return out;
}
