/**
 * Instances of a compiled contract, reused from call to call. Creating an instance and touching
 * its fresh memory for the first time costs more than a meter settlement's whole work, so the
 * runner keeps a few instances per module and, before each call, puts an instance back into the
 * exact state instantiation left it in: the same memory bytes (an instance whose memory grew is
 * dropped instead: memory cannot shrink) and the same value in every mutable global (the
 * instrumentation exports them all: gas.ts). Tables cannot change (table instructions are
 * refused), so a reused instance is indistinguishable from a fresh one: same results, same gas.
 * Host functions are bound per call through trampolines.
 */
import type { HostFunction } from './runner.ts';

type Bound = Record<string, HostFunction>;

export type PooledInstance = {
  exports: WebAssembly.Exports;
  /** Binds this call's host functions; throws TypeError when one the module imports is missing. */
  bind(functions: Bound): void;
  /** Gives the instance back for the next call. */
  release(): void;
};

type Slot = {
  instance: WebAssembly.Instance;
  imports: string[];
  memory: WebAssembly.Memory | undefined;
  snapshot: Uint8Array;
  globals: { global: WebAssembly.Global; value: unknown }[];
  active: Bound | null;
  fresh: boolean;
};

const MAX_POOLED = 4;
const pools = new WeakMap<WebAssembly.Module, Slot[]>();
const RESERVED = '__pvchain_';

function create(module: WebAssembly.Module): Slot {
  const names = WebAssembly.Module.imports(module)
    .filter((i) => i.kind === 'function')
    .map((i) => i.name);
  const slot = { active: null, imports: names } as Slot;
  const env: Bound = {};
  for (const name of names)
    env[name] = (a: unknown, b: unknown, c: unknown, d: unknown, e: unknown, f: unknown) =>
      (slot.active as Bound)[name]?.(a, b, c, d, e, f);
  slot.instance = new WebAssembly.Instance(module, { env });
  const { exports } = slot.instance;
  slot.memory = exports.memory instanceof WebAssembly.Memory ? exports.memory : undefined;
  slot.snapshot = slot.memory ? new Uint8Array(slot.memory.buffer).slice() : new Uint8Array(0);
  slot.globals = Object.entries(exports)
    .filter(([name, value]) => name.startsWith(RESERVED) && value instanceof WebAssembly.Global)
    .map(([, value]) => ({
      global: value as WebAssembly.Global,
      value: (value as WebAssembly.Global).value,
    }));
  slot.fresh = true;
  return slot;
}

function reset(slot: Slot): boolean {
  if (slot.fresh) return true;
  if (slot.memory) {
    if (slot.memory.buffer.byteLength !== slot.snapshot.length) return false;
    new Uint8Array(slot.memory.buffer).set(slot.snapshot);
  }
  for (const { global, value } of slot.globals) global.value = value;
  return true;
}

/** An instance of `module` in its just-instantiated state. Instantiation errors propagate. */
export function acquireInstance(module: WebAssembly.Module): PooledInstance {
  let pool = pools.get(module);
  if (!pool) {
    pool = [];
    pools.set(module, pool);
  }
  let slot: Slot | undefined;
  for (let i = 0; i < pool.length && !slot; ) {
    const candidate = pool[i] as Slot;
    if (candidate.active !== null) i++;
    else if (reset(candidate)) slot = candidate;
    else pool.splice(i, 1); // its memory grew: never reusable
  }
  if (!slot) {
    slot = create(module);
    if (pool.length < MAX_POOLED) pool.push(slot);
  }
  const leased = slot;
  leased.active = {};
  return {
    exports: leased.instance.exports,
    bind(functions) {
      for (const name of leased.imports)
        if (typeof functions[name] !== 'function')
          throw new TypeError(`the host provides no function env.${name}`);
      leased.active = functions;
    },
    release() {
      leased.fresh = false;
      leased.active = null;
    },
  };
}
