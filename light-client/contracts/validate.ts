/**
 * Checks a contract module before it is deployed or run: size first, then WebAssembly
 * validation, then the sandbox's own rules (ADR 0009) with a bounds-checked reader of the binary
 * format (wasm-reader.ts). The reader also hands the function bodies to the gas injector.
 */

import { ContractErrorCode as Code, ContractError } from './errors.ts';
import { type FuncArity, maxStackHeight } from './stack-height.ts';
import { type Instr, Reader } from './wasm-reader.ts';

export interface ContractLimits {
  /** Largest module accepted, in bytes; checked before parsing. */
  maxModuleBytes: number;
  /** Largest initial and maximum memory, in 64 KiB pages; a maximum is required. */
  maxMemoryPages: number;
  /** Largest table (funcref, for call_indirect); a maximum is required. */
  maxTableElements: number;
  /** Most locals one function may declare (bounds the size of a stack frame). */
  maxLocalsPerFunction: number;
  /** Function names the module may import from the host module `env`. */
  allowedImports: readonly string[];
  /** Exports the module must have. */
  requiredExports: readonly { name: string; kind: 'function' | 'memory' }[];
}

export const DEFAULT_CONTRACT_LIMITS: ContractLimits = Object.freeze({
  maxModuleBytes: 256 * 1024,
  maxMemoryPages: 16,
  maxTableElements: 1024,
  maxLocalsPerFunction: 128,
  allowedImports: Object.freeze(['revert']),
  requiredExports: Object.freeze([]),
});

/** Export names starting with this are reserved for the sandbox's instrumentation. */
export const RESERVED_EXPORT_PREFIX = '__pvchain_';

export interface FunctionBody {
  /** Byte range of the local declarations (copied as they are). */
  localsStart: number;
  localsEnd: number;
  instrs: Instr[];
  /** Parameters plus declared locals. */
  locals: number;
  /** Largest operand-stack height the body reaches (wasm-reader.ts `maxStackHeight`). */
  maxStack: number;
  /**
   * Size of the function's frame in value slots, charged to the stack budget on every call
   * (gas.ts): parameters + locals + maxStack + FRAME_OVERHEAD_SLOTS.
   */
  frameCost: number;
}

/**
 * Slots added to every frame's cost: one for the value the instrumentation pushes (a gas or
 * stack-budget amount) on top of the body's own operand stack, and a fixed part for what an
 * engine keeps per frame besides values (return address, instance, frame pointer...), so that
 * even an empty function has a cost.
 */
export const FRAME_OVERHEAD_SLOTS = 8;

/** A section as found in the module: id and payload range. */
export interface Section {
  id: number;
  start: number;
  end: number;
  /** Where the entries start, after the vector count (vector sections only). */
  entriesStart: number;
  count: number;
}

export interface ContractModuleInfo {
  bytes: Uint8Array;
  /** Non-custom sections in module order. */
  sections: Section[];
  typeCount: number;
  /** Parameter and result counts of each type; `typeKeys` identifies equal signatures. */
  types: FuncArity[];
  typeKeys: string[];
  /** Type index of every function, imports first. */
  funcTypes: number[];
  importedFunctionCount: number;
  functionCount: number;
  globalCount: number;
  /** Indices of the module's mutable globals (what a call can change besides memory). */
  mutableGlobals: number[];
  exports: Map<string, number>;
  bodies: FunctionBody[];
}

const EXPORT_KINDS = ['function', 'table', 'memory', 'global', 'tag'] as const;
const VECTOR_SECTIONS = new Set([1, 2, 3, 4, 5, 6, 7, 9, 10, 11]);

/**
 * Checks `bytes` against `limits` and returns what the gas injector needs. Throws ContractError
 * with a stable code for the first rule the module breaks.
 */
export function validateContractModule(
  bytes: Uint8Array,
  limits: ContractLimits = DEFAULT_CONTRACT_LIMITS,
): ContractModuleInfo {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array');
  const sizeBytes = bytes.length;
  if (sizeBytes > limits.maxModuleBytes)
    throw new ContractError(
      Code.TOO_LARGE,
      `module of ${sizeBytes} bytes exceeds ${limits.maxModuleBytes}`,
      { sizeBytes },
    );
  let valid: boolean;
  try {
    valid = WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>);
  } catch (cause) {
    throw new ContractError(Code.MALFORMED, 'not a WebAssembly module', { sizeBytes }, { cause });
  }
  if (!valid)
    throw new ContractError(Code.MALFORMED, 'not a valid WebAssembly module', { sizeBytes });

  const r: Reader = new Reader(bytes);
  const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  for (const b of magic) if (r.byte() !== b) r.fail(Code.MALFORMED, 'bad magic or version', 0);

  const info: ContractModuleInfo = {
    bytes,
    sections: [],
    typeCount: 0,
    types: [],
    typeKeys: [],
    funcTypes: [],
    importedFunctionCount: 0,
    functionCount: 0,
    globalCount: 0,
    mutableGlobals: [],
    exports: new Map(),
    bodies: [],
  };
  const allowed = new Set(limits.allowedImports);

  while (r.pos < r.end) {
    const id = r.byte();
    const size = r.u32();
    const start = r.pos;
    r.skip(size);
    const s: Reader = new Reader(bytes, start, r.pos);
    if (id === 0) continue; // custom sections carry no semantics; the injector drops them
    const count = VECTOR_SECTIONS.has(id) ? s.u32() : 0;
    const section: Section = { id, start, end: r.pos, entriesStart: s.pos, count };
    info.sections.push(section);
    switch (id) {
      case 1: // type
        info.typeCount = count;
        for (let i = 0; i < count; i++) {
          const typeStart = s.pos;
          const form = s.byte();
          if (form !== 0x60) s.fail(Code.FEATURE, 'non-function type (GC)', s.pos - 1);
          const arity = [0, 0];
          for (let k = 0; k < 2; k++) {
            const n = s.u32();
            arity[k] = n;
            for (let j = 0; j < n; j++) s.valType();
          }
          info.types.push({ params: arity[0] as number, results: arity[1] as number });
          info.typeKeys.push(bytes.subarray(typeStart, s.pos).join(','));
        }
        break;
      case 2: // import
        for (let i = 0; i < count; i++) {
          const offset = s.pos;
          const module = s.name();
          const name = s.name();
          const kind = s.byte();
          if (kind !== 0x00)
            s.fail(Code.IMPORT, `import ${module}.${name}: only functions may be imported`, offset);
          info.funcTypes.push(s.u32());
          if (module !== 'env' || !allowed.has(name))
            s.fail(
              Code.IMPORT,
              `import ${module}.${name} is not in the host API allowlist`,
              offset,
            );
          info.importedFunctionCount++;
        }
        break;
      case 3: // function
        info.functionCount = count;
        for (let i = 0; i < count; i++) info.funcTypes.push(s.u32());
        break;
      case 4: // table
        if (count > 1) s.fail(Code.FEATURE, 'more than one table');
        for (let i = 0; i < count; i++) {
          const offset = s.pos;
          const t = s.byte();
          if (t !== 0x70) s.fail(Code.FEATURE, 'table of other than funcref', offset);
          const [min, max] = s.limits();
          if (max === undefined) s.fail(Code.FEATURE, 'table without a maximum', offset);
          if (min > limits.maxTableElements || max > limits.maxTableElements)
            s.fail(Code.FEATURE, `table larger than ${limits.maxTableElements} elements`, offset);
        }
        break;
      case 5: // memory
        if (count > 1) s.fail(Code.FEATURE, 'more than one memory');
        for (let i = 0; i < count; i++) {
          const offset = s.pos;
          const [min, max, flags] = s.limits();
          if (flags & 0x02) s.fail(Code.MEMORY, 'shared memory (threads)', offset);
          if (max === undefined) s.fail(Code.MEMORY, 'memory without a maximum', offset);
          if (min > limits.maxMemoryPages || max > limits.maxMemoryPages)
            s.fail(Code.MEMORY, `memory larger than ${limits.maxMemoryPages} pages`, offset);
        }
        break;
      case 6: // global
        info.globalCount = count;
        for (let i = 0; i < count; i++) {
          s.valType();
          if (s.byte() === 1) info.mutableGlobals.push(i);
          constExpr(s);
        }
        break;
      case 7: // export
        for (let i = 0; i < count; i++) {
          const offset = s.pos;
          const name = s.name();
          const kind = s.byte();
          s.u32();
          if (name.startsWith(RESERVED_EXPORT_PREFIX))
            s.fail(Code.EXPORT, `export name ${name} is reserved`, offset);
          info.exports.set(name, kind);
        }
        break;
      case 8:
        r.fail(Code.START, 'a start function is not allowed', start);
        break;
      case 9: // element: validated by the engine; only funcref tables exist (above)
      case 11: // data
      case 12: // data count
        break;
      case 10: // code
        for (let i = 0; i < count; i++) {
          const type = info.types[info.funcTypes[info.importedFunctionCount + i] ?? -1];
          info.bodies.push(functionBody(s, limits, info, type?.params ?? 0));
        }
        break;
      default:
        r.fail(Code.FEATURE, `section ${id}`, start);
    }
    if (VECTOR_SECTIONS.has(id) && id !== 9 && id !== 11 && s.pos !== s.end)
      s.fail(Code.MALFORMED, `trailing bytes in section ${id}`);
  }

  for (const { name, kind } of limits.requiredExports) {
    const found = info.exports.get(name);
    if (found === undefined || EXPORT_KINDS[found] !== kind)
      throw new ContractError(Code.EXPORT, `missing ${kind} export ${name}`, { sizeBytes });
  }
  return info;
}

/** A constant expression (global initializer): integer constants and global.get only. */
function constExpr(s: Reader): void {
  for (;;) {
    const ins = s.instr();
    if (ins.op === 0x0b) return;
    if (ins.op !== 0x41 && ins.op !== 0x42 && ins.op !== 0x23)
      s.fail(Code.FEATURE, 'extended constant expression', ins.start);
  }
}

function functionBody(
  s: Reader,
  limits: ContractLimits,
  info: ContractModuleInfo,
  params: number,
): FunctionBody {
  const size = s.u32();
  const end = s.pos + size;
  if (end > s.end) s.fail(Code.MALFORMED, 'function body past the end of its section');
  const b: Reader = new Reader(s.bytes, s.pos, end);
  const localsStart = b.pos;
  const groups = b.u32();
  let locals = 0;
  for (let i = 0; i < groups; i++) {
    locals += b.u32();
    if (locals > limits.maxLocalsPerFunction)
      b.fail(Code.FEATURE, `more than ${limits.maxLocalsPerFunction} locals in a function`);
    b.valType();
  }
  const localsEnd = b.pos;
  const instrs: Instr[] = [];
  let depth = 1;
  while (depth > 0) {
    const ins = b.instr();
    instrs.push(ins);
    if (ins.op === 0x02 || ins.op === 0x03 || ins.op === 0x04) depth++;
    else if (ins.op === 0x0b) depth--;
  }
  if (b.pos !== end) b.fail(Code.MALFORMED, 'bytes after the end of a function body');
  s.pos = end;
  const maxStack = maxStackHeight(instrs, info.types, info.funcTypes);
  const frameCost = params + locals + maxStack + FRAME_OVERHEAD_SLOTS;
  return { localsStart, localsEnd, instrs, locals: params + locals, maxStack, frameCost };
}
