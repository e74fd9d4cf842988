import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import binaryen from 'binaryen';
import {
  ContractError,
  type ContractErrorCode,
  type ContractLimits,
  DEFAULT_CONTRACT_LIMITS,
  DEFAULT_GAS_SCHEDULE,
  injectGasMetering,
  runContractCall,
  validateContractModule,
} from '../../../../light-client/contracts/index.ts';

/** Assembles WAT text with binaryen (all features on, so refused ones can be written). */
function wat(text: string): Uint8Array {
  const m = binaryen.parseText(text);
  try {
    m.setFeatures(binaryen.Features.All);
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}

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
