import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ContractError,
  type ContractErrorCode,
  type ContractLimits,
  DEFAULT_CONTRACT_LIMITS,
  DEFAULT_GAS_SCHEDULE,
  DEFAULT_STACK_BUDGET,
  FRAME_OVERHEAD_SLOTS,
  injectGasMetering,
  runContractCall,
  validateContractModule,
} from '../../../../light-client/contracts/index.ts';
import { encodeU32 } from '../../../../light-client/contracts/leb128.ts';
import { wat } from '../../../support/wat.ts';

const LIMITS: ContractLimits = {
  ...DEFAULT_CONTRACT_LIMITS,
  allowedImports: ['revert', 'charge_host'],
};

function refused(bytes: Uint8Array, code: ContractErrorCode, limits = LIMITS): void {
  assert.throws(
    () => validateContractModule(bytes, limits),
    (e: unknown) => e instanceof ContractError && e.code === code,
  );
}

function meter(text: string, maxCallDepth?: number): Uint8Array {
  return injectGasMetering(wat(text), DEFAULT_GAS_SCHEDULE, {
    limits: LIMITS,
    ...(maxCallDepth === undefined ? {} : { maxCallDepth }),
  });
}

const S = DEFAULT_GAS_SCHEDULE;

describe('validateContractModule', () => {
  it('accepts an integer-only module and reports its exports', () => {
    const info = validateContractModule(
      wat('(module (memory (export "memory") 1 2) (func (export "f") (result i32) (i32.const 7)))'),
      {
        ...LIMITS,
        requiredExports: [
          { name: 'f', kind: 'function' },
          { name: 'memory', kind: 'memory' },
        ],
      },
    );
    assert.equal(info.functionCount, 1);
  });

  it('refuses floats: instructions, locals, params, globals', () => {
    refused(
      wat(
        '(module (func (export "f") (param f64 f64) (result f64) (f64.add (local.get 0) (local.get 1))))',
      ),
      'CONTRACT_FLOAT',
    );
    refused(wat('(module (func (local f32)))'), 'CONTRACT_FLOAT');
    refused(wat('(module (global f64 (f64.const 1)))'), 'CONTRACT_FLOAT');
    refused(
      wat('(module (func (result i32) (i32.trunc_f64_s (f64.const 1.5))))'),
      'CONTRACT_FLOAT',
    );
    refused(
      wat(
        '(module (func (param i64) (result i64) (i64.reinterpret_f64 (f64.reinterpret_i64 (local.get 0)))))',
      ),
      'CONTRACT_FLOAT',
    );
  });

  it('refuses memory bombs and unbounded memory', () => {
    refused(wat('(module (memory 65536))'), 'CONTRACT_MEMORY');
    refused(wat('(module (memory 1))'), 'CONTRACT_MEMORY');
    refused(wat('(module (memory 1 65536))'), 'CONTRACT_MEMORY');
    refused(wat('(module (memory 1 2 shared))'), 'CONTRACT_MEMORY');
  });

  it('refuses imports outside the allowlist', () => {
    refused(wat('(module (import "env" "random" (func (result i32))))'), 'CONTRACT_IMPORT');
    refused(wat('(module (import "wasi" "revert" (func (param i32 i32))))'), 'CONTRACT_IMPORT');
    refused(wat('(module (import "env" "memory" (memory 1 1)))'), 'CONTRACT_IMPORT');
    validateContractModule(wat('(module (import "env" "revert" (func (param i32 i32))))'), LIMITS);
  });

  it('refuses a start function, SIMD, bulk memory, unbounded tables, missing exports', () => {
    refused(wat('(module (func $s) (start $s))'), 'CONTRACT_START');
    refused(
      wat('(module (func (result i32) (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))))'),
      'CONTRACT_FEATURE',
    );
    refused(
      wat('(module (memory 1 1) (func (memory.fill (i32.const 0) (i32.const 0) (i32.const 10))))'),
      'CONTRACT_FEATURE',
    );
    refused(wat('(module (table 1 funcref))'), 'CONTRACT_FEATURE');
    refused(wat('(module (func (export "__pvchain_gas")))'), 'CONTRACT_EXPORT');
    refused(wat('(module)'), 'CONTRACT_EXPORT', {
      ...LIMITS,
      requiredExports: [{ name: 'transfer', kind: 'function' }],
    });
  });

  it('refuses garbage as malformed and oversized modules before parsing', () => {
    refused(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), 'CONTRACT_MALFORMED');
    refused(new Uint8Array(0), 'CONTRACT_MALFORMED');
    const truncated = wat('(module (func (export "f") (result i32) (i32.const 7)))').subarray(
      0,
      20,
    );
    refused(truncated, 'CONTRACT_MALFORMED');
    const big = new Uint8Array(LIMITS.maxModuleBytes + 1).fill(0xff);
    refused(big, 'CONTRACT_TOO_LARGE');
    const err = (() => {
      try {
        validateContractModule(big, LIMITS);
      } catch (e) {
        return e as ContractError;
      }
    })();
    assert.deepEqual(err?.toJSON().sizeBytes, big.length);
  });
});

describe('injectGasMetering + runContractCall', () => {
  it('returns ok with the value and the hand-computed gas of a straight-line function', () => {
    const m = meter(
      '(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))',
    );
    const r = runContractCall(m, { entry: 'add', args: [2, 40], gasLimit: 1000n });
    // local.get, local.get, i32.add; `end` is free
    assert.deepEqual(r, { kind: 'ok', value: 42, gasUsed: BigInt(2 * S.local + S.arith) });
  });

  it('charges every loop iteration', () => {
    const m = meter(`(module
      (func (export "sum") (param $n i32) (result i32) (local $acc i32)
        (block $done
          (loop $l
            (br_if $done (i32.eqz (local.get $n)))
            (local.set $acc (i32.add (local.get $acc) (local.get $n)))
            (local.set $n (i32.sub (local.get $n) (i32.const 1)))
            (br $l)))
        (local.get $acc)))`);
    const r = runContractCall(m, { entry: 'sum', args: [10], gasLimit: 10_000n });
    // body: block + local.get; block: loop, and the `unreachable` binaryen writes after a loop
    // that never falls through; loop body (entered n + 1 times): 6 local ops, eqz, add, sub,
    // const, br_if, br
    const loop = 6 * S.local + 3 * S.arith + S.const + 2 * S.control;
    const expected = S.control + S.local + 2 * S.control + 11 * loop;
    assert.deepEqual(r, { kind: 'ok', value: 55, gasUsed: BigInt(expected) });
  });

  it('charges calls and i64 results come back as bigint', () => {
    const m = meter(`(module
      (func $sq (param i64) (result i64) (i64.mul (local.get 0) (local.get 0)))
      (func (export "f") (param i64) (result i64) (call $sq (local.get 0))))`);
    const r = runContractCall(m, { entry: 'f', args: [12n], gasLimit: 1000n });
    const expected = S.local + S.call + 2 * S.local + S.mul;
    assert.deepEqual(r, { kind: 'ok', value: 144n, gasUsed: BigInt(expected) });
  });

  it('stops an endless loop with out_of_gas, the same way every time', () => {
    const m = meter('(module (func (export "spin") (loop $l (br $l))))');
    const a = runContractCall(m, { entry: 'spin', gasLimit: 100_000n });
    const b = runContractCall(m, { entry: 'spin', gasLimit: 100_000n });
    assert.deepEqual(a, { kind: 'out_of_gas', gasUsed: 100_000n });
    assert.deepEqual(b, a);
  });

  it('returns trap for unreachable and out-of-bounds loads, with deterministic gas', () => {
    const m = meter(`(module (memory 1 1)
      (func (export "boom") (unreachable))
      (func (export "oob") (result i32) (i32.load (i32.const 70000))))`);
    const a = runContractCall(m, { entry: 'boom', gasLimit: 100n });
    assert.equal(a.kind, 'trap');
    assert.equal(a.gasUsed, BigInt(S.control));
    const b = runContractCall(m, { entry: 'oob', gasLimit: 100n });
    assert.equal(b.kind, 'trap');
    assert.equal(b.gasUsed, BigInt(S.const + S.load));
    assert.deepEqual(runContractCall(m, { entry: 'oob', gasLimit: 100n }), b);
  });

  it('returns reverted with the reason read from memory', () => {
    const m = meter(`(module
      (import "env" "revert" (func $revert (param i32 i32)))
      (memory (export "memory") 1 1)
      (data (i32.const 16) "insufficient balance")
      (func (export "pay") (result i32)
        (call $revert (i32.const 16) (i32.const 20))
        (i32.const 1)))`);
    const r = runContractCall(m, { entry: 'pay', gasLimit: 1000n });
    const expected = 2 * S.const + S.call + S.const;
    assert.deepEqual(r, {
      kind: 'reverted',
      reason: 'insufficient balance',
      gasUsed: BigInt(expected),
    });
    const bad = meter(`(module
      (import "env" "revert" (func $revert (param i32 i32)))
      (memory (export "memory") 1 1)
      (func (export "pay") (call $revert (i32.const 65530) (i32.const 20))))`);
    const t = runContractCall(bad, { entry: 'pay', gasLimit: 1000n });
    assert.equal(t.kind, 'trap');
  });

  it('lets host functions charge gas', () => {
    const m = meter(`(module
      (import "env" "charge_host" (func $h (param i32)))
      (func (export "f") (call $h (i32.const 500))))`);
    const imports = (
      ctx: Parameters<NonNullable<Parameters<typeof runContractCall>[1]['imports']>>[0],
    ) => ({
      charge_host: (n: number) => ctx.chargeGas(BigInt(n)),
    });
    const ok = runContractCall(m, { entry: 'f', gasLimit: 1000n, imports });
    assert.deepEqual(ok, { kind: 'ok', value: undefined, gasUsed: BigInt(S.const + S.call + 500) });
    const oog = runContractCall(m, { entry: 'f', gasLimit: 100n, imports });
    assert.deepEqual(oog, { kind: 'out_of_gas', gasUsed: 100n });
  });

  it('charges memory.grow per page', () => {
    const m = meter(`(module (memory 1 8)
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);
    const r = runContractCall(m, { entry: 'grow', args: [3], gasLimit: 100_000n });
    const expected = S.local + S.memoryGrow + 3 * S.memoryGrowPerPage;
    assert.deepEqual(r, { kind: 'ok', value: 1, gasUsed: BigInt(expected) });
    const huge = runContractCall(m, { entry: 'grow', args: [-1], gasLimit: 100_000n });
    assert.deepEqual(huge, { kind: 'out_of_gas', gasUsed: 100_000n });
  });

  it('stops deep recursion at the same call depth on every engine', () => {
    const m = meter(
      '(module (func $r (export "r") (param i32) (result i32) (call $r (i32.add (local.get 0) (i32.const 1)))))',
      50,
    );
    const r = runContractCall(m, { entry: 'r', args: [0], gasLimit: 1_000_000n });
    const perCall = S.local + S.const + S.arith + S.call;
    assert.deepEqual(r, {
      kind: 'trap',
      message: 'call depth exceeded',
      gasUsed: BigInt(51 * perCall),
    });
  });

  it('meters call_indirect through a bounded table, and modules without functions', () => {
    const m = meter(`(module
      (type $t (func (result i32)))
      (table 2 2 funcref)
      (elem (i32.const 0) $a $b)
      (func $a (result i32) (i32.const 10))
      (func $b (result i32) (i32.const 20))
      (func (export "pick") (param i32) (result i32) (call_indirect (type $t) (local.get 0))))`);
    const r = runContractCall(m, { entry: 'pick', args: [1], gasLimit: 1000n });
    const expected = S.local + S.callIndirect + S.const;
    assert.deepEqual(r, { kind: 'ok', value: 20, gasUsed: BigInt(expected) });
    assert.equal(runContractCall(m, { entry: 'pick', args: [5], gasLimit: 1000n }).kind, 'trap');
    const empty = meter('(module (memory (export "memory") 1 1))');
    assert.ok(WebAssembly.validate(empty as Uint8Array<ArrayBuffer>));
  });

  it('reports a missing entry as a trap and a bad gas limit as misuse', () => {
    const m = meter('(module (func (export "f")))');
    assert.equal(runContractCall(m, { entry: 'g', gasLimit: 10n }).kind, 'trap');
    assert.throws(() => runContractCall(m, { entry: 'f', gasLimit: -1n }), RangeError);
  });
});

/**
 * `r(n: i32) -> i32` that pushes `k` i64 values, keeps them on the operand stack across the call
 * `r(n + 1)`, then drops them. Written as bytes: binaryen's text parser would move stacky code
 * into locals.
 */
function bigFrameRecursion(k: number): Uint8Array {
  const code = [0x00];
  for (let i = 0; i < k; i++) code.push(0x42, 0x01); // i64.const 1
  code.push(0x20, 0x00, 0x41, 0x01, 0x6a, 0x10, 0x00, 0x21, 0x00); // r(n + 1) -> n
  for (let i = 0; i < k; i++) code.push(0x1a); // drop
  code.push(0x20, 0x00, 0x0b);
  const section = (id: number, payload: number[]) => [id, ...encodeU32(payload.length), ...payload];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 1, 0x7f, 1, 0x7f]),
    ...section(3, [1, 0]),
    ...section(7, [1, 1, 0x72, 0x00, 0x00]),
    ...section(10, [1, ...encodeU32(code.length), ...code]),
  ]);
}

describe('stack budget', () => {
  it('computes each function frame: params + locals + maximum operand-stack height', () => {
    const info = validateContractModule(
      wat(`(module
        (func (param i32 i64) (result i32) (local i32)
          (i32.add (i32.const 1) (block (result i32) (i32.add (i32.const 2) (i32.const 3)))))
        (func (loop (br 0))))`),
      LIMITS,
    );
    assert.deepEqual(
      info.bodies.map((b) => [b.locals, b.maxStack, b.frameCost]),
      [
        [3, 3, 3 + 3 + FRAME_OVERHEAD_SLOTS],
        [0, 0, FRAME_OVERHEAD_SLOTS],
      ],
    );
    const big = validateContractModule(bigFrameRecursion(1000), LIMITS).bodies[0];
    // 1000 values, then n and 1 for the add
    assert.equal(big?.maxStack, 1002);
  });

  /** Frames (entry included) that fit, and the gas they were charged, for `k` values each. */
  function expected(k: number, budget: number): { frames: number; gasUsed: bigint } {
    const frameCost = validateContractModule(bigFrameRecursion(k), LIMITS).bodies[0]
      ?.frameCost as number;
    const frames = Math.floor(budget / frameCost);
    // k i64.const and k drop, local.get, i32.const, i32.add, call, local.set, local.get
    const perFrame = k * (S.const + S.control) + 3 * S.local + S.const + S.arith + S.call;
    return { frames, gasUsed: BigInt(frames * perFrame) };
  }

  function recurse(k: number, stackBudget?: number) {
    const m = injectGasMetering(bigFrameRecursion(k), DEFAULT_GAS_SCHEDULE, {
      limits: LIMITS,
      maxCallDepth: 2 ** 20,
      ...(stackBudget === undefined ? {} : { stackBudget }),
    });
    return runContractCall(m, { entry: 'r', args: [0], gasLimit: 1n << 40n });
  }

  it('stops recursion of a large frame with the stack-budget trap, at the same point every run', () => {
    const { frames, gasUsed } = expected(1000, DEFAULT_STACK_BUDGET);
    assert.equal(frames, 19);
    const first = recurse(1000);
    assert.deepEqual(first, { kind: 'trap', message: 'stack budget exceeded', gasUsed });
    for (let i = 0; i < 5; i++) assert.deepEqual(recurse(1000), first);
    // the largest frame the default budget admits still ends with the budget, not V8's stack
    const largest = DEFAULT_STACK_BUDGET - FRAME_OVERHEAD_SLOTS - 3;
    const r = recurse(largest - 2);
    assert.equal(r.kind, 'trap');
    assert.equal(r.kind === 'trap' && r.message, 'stack budget exceeded');
    // the worst shape measured (ADR 0009): many parameters and locals
    const params = Array(900).fill('i64').join(' ');
    const args = Array(900).fill('(local.get 0)').join(' ');
    const wide = meter(
      `(module (func $r (export "r") (param ${params}) (result i64)
        (local ${Array(128).fill('i64').join(' ')}) (call $r ${args})))`,
      2 ** 20,
    );
    const callWide = () =>
      runContractCall(wide, { entry: 'r', args: Array(900).fill(0n), gasLimit: 1n << 40n });
    const w = callWide();
    assert.equal(w.kind === 'trap' && w.message, 'stack budget exceeded');
    assert.deepEqual(callWide(), w);
  });

  it('lets smaller frames recurse proportionally deeper', () => {
    const budget = 50_000;
    const small = expected(100, budget);
    const large = expected(1000, budget);
    assert.ok(small.frames >= 9 * large.frames);
    assert.deepEqual(recurse(100, budget), {
      kind: 'trap',
      message: 'stack budget exceeded',
      gasUsed: small.gasUsed,
    });
    assert.deepEqual(recurse(1000, budget), {
      kind: 'trap',
      message: 'stack budget exceeded',
      gasUsed: large.gasUsed,
    });
  });

  it('refuses a module with a frame larger than the whole budget', () => {
    assert.throws(
      () =>
        injectGasMetering(bigFrameRecursion(1000), DEFAULT_GAS_SCHEDULE, {
          limits: LIMITS,
          stackBudget: 1000,
        }),
      (e: unknown) => e instanceof ContractError && e.code === 'CONTRACT_FEATURE',
    );
  });
});
