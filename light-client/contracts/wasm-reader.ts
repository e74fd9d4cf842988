/**
 * A small, bounds-checked reader of the WebAssembly binary format: just what the sandbox needs
 * to check a contract module (validate.ts) and to rewrite its function bodies (gas.ts). Every
 * read checks the end of its buffer; a problem throws ContractError (code MALFORMED unless a
 * more specific code applies). The reader knows an allowlist of instructions - integer MVP,
 * sign extension - and refuses everything else, so a new proposal can never slip through.
 */

import { ContractErrorCode as Code, ContractError, type ContractErrorCode } from './errors.ts';

/** Instruction classes of the gas schedule (see gas.ts and ADR 0009). */
export type InstrClass =
  | 'control'
  | 'branchTable'
  | 'local'
  | 'global'
  | 'const'
  | 'load'
  | 'store'
  | 'memorySize'
  | 'memoryGrow'
  | 'arith'
  | 'mul'
  | 'div'
  | 'call'
  | 'callIndirect'
  /** `else` and `end`: structure only, free. */
  | 'structure';

type Imm = 'none' | 'blocktype' | 'u32' | 'brTable' | 'callIndirect' | 'memarg' | 'i32' | 'i64';

interface OpInfo {
  cls: InstrClass;
  imm: Imm;
}

const OPS = new Map<number, OpInfo>();
function def(ops: readonly number[], cls: InstrClass, imm: Imm): void {
  for (const op of ops) OPS.set(op, { cls, imm });
}
function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let op = from; op <= to; op++) out.push(op);
  return out;
}

def([0x00, 0x01, 0x0f, 0x1a, 0x1b], 'control', 'none'); // unreachable nop return drop select
def([0x02, 0x03, 0x04], 'control', 'blocktype'); // block loop if
def([0x05, 0x0b], 'structure', 'none'); // else end
def([0x0c, 0x0d], 'control', 'u32'); // br br_if
def([0x0e], 'branchTable', 'brTable');
def([0x10], 'call', 'u32');
def([0x11], 'callIndirect', 'callIndirect');
def([0x20, 0x21, 0x22], 'local', 'u32');
def([0x23, 0x24], 'global', 'u32');
def([0x28, 0x29, ...range(0x2c, 0x35)], 'load', 'memarg');
def([0x36, 0x37, ...range(0x3a, 0x3e)], 'store', 'memarg');
def([0x3f], 'memorySize', 'u32');
def([0x40], 'memoryGrow', 'u32');
def([0x41], 'const', 'i32');
def([0x42], 'const', 'i64');
def(range(0x45, 0x5a), 'arith', 'none'); // integer comparisons
def([...range(0x67, 0x6b), ...range(0x71, 0x7d), ...range(0x83, 0x8a)], 'arith', 'none');
def([0x6c, 0x7e], 'mul', 'none');
def([...range(0x6d, 0x70), ...range(0x7f, 0x82)], 'div', 'none');
def([0xa7, 0xac, 0xad, ...range(0xc0, 0xc4)], 'arith', 'none'); // wrap, extend, sign-extension

/** Opcodes that touch f32/f64 (MVP numbering), refused with CONTRACT_FLOAT. */
function isFloatOpcode(op: number): boolean {
  return (
    op === 0x2a ||
    op === 0x2b ||
    op === 0x38 ||
    op === 0x39 ||
    op === 0x43 ||
    op === 0x44 ||
    (op >= 0x5b && op <= 0x66) ||
    (op >= 0x8b && op <= 0xa6) ||
    (op >= 0xa8 && op <= 0xab) ||
    (op >= 0xae && op <= 0xbf)
  );
}

export interface Instr {
  /** The opcode (single byte; prefixed opcodes are refused). */
  op: number;
  cls: InstrClass;
  /** Byte range of the instruction, immediates included, in the module. */
  start: number;
  end: number;
  /**
   * The immediate the stack-height pass needs: for block/loop/if the block type (-1 empty,
   * -2 one value, else a type index); for call the function index, for call_indirect the type
   * index; for br_table the number of targets; 0 otherwise.
   */
  imm: number;
}

export class Reader {
  pos: number;
  readonly bytes: Uint8Array;
  readonly end: number;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
  }

  fail(code: ContractErrorCode, message: string, offset = this.pos): never {
    throw new ContractError(code, message, { sizeBytes: this.bytes.length, offset });
  }

  byte(): number {
    if (this.pos >= this.end) this.fail(Code.MALFORMED, 'unexpected end');
    return this.bytes[this.pos++] as number;
  }

  /** Unsigned LEB128 of at most 32 bits. */
  u32(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) {
        if (result > 0xffffffff) this.fail(Code.MALFORMED, 'u32 out of range');
        return result;
      }
      shift += 7;
    }
    return this.fail(Code.MALFORMED, 'u32 too long');
  }

  /** Skips a signed LEB128 of at most `bits` bits; returns its value's sign (for s33). */
  sleb(bits: number): bigint {
    let result = 0n;
    let shift = 0n;
    const maxBytes = Math.ceil(bits / 7);
    for (let i = 0; i < maxBytes; i++) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) {
        if (b & 0x40) result -= 1n << shift;
        return result;
      }
    }
    return this.fail(Code.MALFORMED, 'signed LEB128 too long');
  }

  skip(n: number): void {
    if (n > this.end - this.pos) this.fail(Code.MALFORMED, 'unexpected end');
    this.pos += n;
  }

  name(): string {
    const len = this.u32();
    const start = this.pos;
    this.skip(len);
    return new TextDecoder('utf-8', { fatal: false }).decode(this.bytes.subarray(start, this.pos));
  }

  /** A value type; floats, vectors and references are refused. */
  valType(): number {
    const offset = this.pos;
    const t = this.byte();
    if (t === 0x7f || t === 0x7e) return t;
    if (t === 0x7d || t === 0x7c) this.fail(Code.FLOAT, 'f32/f64 value type', offset);
    if (t === 0x7b) this.fail(Code.FEATURE, 'v128 value type (SIMD)', offset);
    return this.fail(Code.FEATURE, `value type 0x${t.toString(16)} (reference types / GC)`, offset);
  }

  /** Limits: returns [min, max | undefined, flags]. */
  limits(): [number, number | undefined, number] {
    const flags = this.byte();
    if (flags > 0x07) this.fail(Code.MALFORMED, 'bad limits flags');
    if (flags & 0x04) this.fail(Code.FEATURE, '64-bit memory or table', this.pos - 1);
    const min = this.u32();
    const max = flags & 0x01 ? this.u32() : undefined;
    return [min, max, flags];
  }

  /**
   * Reads one instruction from the allowlist and its immediates; refuses floats and anything
   * unknown (prefixed opcodes: bulk memory, saturating truncation, SIMD, atomics).
   */
  instr(): Instr {
    const start = this.pos;
    const op = this.byte();
    if (isFloatOpcode(op))
      this.fail(Code.FLOAT, `floating-point opcode 0x${op.toString(16)}`, start);
    if (op === 0xfc) {
      const sub = this.u32();
      if (sub <= 7) this.fail(Code.FLOAT, 'saturating float-to-int truncation', start);
      this.fail(Code.FEATURE, `bulk memory / table instruction 0xfc ${sub}`, start);
    }
    const info = OPS.get(op);
    if (info === undefined) {
      const what =
        op === 0xfd ? 'SIMD' : op === 0xfe ? 'threads / atomics' : `opcode 0x${op.toString(16)}`;
      this.fail(Code.FEATURE, `${what} instruction`, start);
    }
    let imm = 0;
    switch (info.imm) {
      case 'none':
        break;
      case 'blocktype': {
        const t = this.bytes[this.pos];
        if (t === 0x40) {
          this.pos++;
          imm = -1;
        } else if (t === 0x7f || t === 0x7e) {
          this.pos++;
          imm = -2;
        } else if (t === 0x7d || t === 0x7c || t === 0x7b || t === 0x70 || t === 0x6f)
          this.valType();
        else {
          const idx = this.sleb(33);
          if (idx < 0n) this.fail(Code.FEATURE, 'unknown block type', start);
          imm = Number(idx);
        }
        break;
      }
      case 'u32':
        imm = this.u32();
        break;
      case 'brTable': {
        const n = this.u32();
        for (let i = 0; i <= n; i++) this.u32();
        imm = n;
        break;
      }
      case 'callIndirect':
        imm = this.u32();
        this.u32();
        break;
      case 'memarg':
        this.u32();
        this.u32();
        break;
      case 'i32':
        this.sleb(32);
        break;
      case 'i64':
        this.sleb(64);
        break;
    }
    return { op, cls: info.cls, start, end: this.pos, imm };
  }
}
