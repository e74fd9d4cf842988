// Reused instances start every call in the state a fresh instance would have: memory, memory
// size and every mutable global as instantiation left them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_CONTRACT_LIMITS,
  DEFAULT_GAS_SCHEDULE,
  injectGasMetering,
  runContractCall,
} from '../../../../light-client/contracts/index.ts';
import { wat } from '../../../support/wat.ts';

// Each call adds to a global and to a memory cell, grows memory when asked, and returns
// counter * 1000 + cell * 10 + pages: a leak of any state between calls changes the answer.
const LEAKY = `(module
  (memory (export "memory") 1 4)
  (data (i32.const 16) "\\05")
  (global $counter (mut i32) (i32.const 1))
  (func (export "step") (param $grow i32) (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (i32.store8 (i32.const 16) (i32.add (i32.load8_u (i32.const 16)) (i32.const 1)))
    (if (local.get $grow) (then (drop (memory.grow (i32.const 1)))))
    (i32.add (i32.add (i32.mul (global.get $counter) (i32.const 1000))
      (i32.mul (i32.load8_u (i32.const 16)) (i32.const 10))) (memory.size)))
  (func (export "boom") (global.set $counter (i32.const 99)) (unreachable)))`;

describe('contract instances', () => {
  const module = new WebAssembly.Module(
    injectGasMetering(wat(LEAKY), DEFAULT_GAS_SCHEDULE, {
      limits: DEFAULT_CONTRACT_LIMITS,
    }) as Uint8Array<ArrayBuffer>,
  );
  const step = (grow: number) =>
    runContractCall(module, { entry: 'step', args: [grow], gasLimit: 10_000n });

  it('start every call as fresh: globals, memory and its size reset, gas equal', () => {
    const first = step(0);
    assert.deepEqual(first, { kind: 'ok', value: 2061, gasUsed: first.gasUsed });
    for (let i = 0; i < 5; i++) assert.deepEqual(step(0), first);
    const grown = step(1);
    assert.equal(grown.kind === 'ok' && grown.value, 2062, 'grew to two pages');
    assert.deepEqual(step(0), first, 'the grown instance was not reused');
    assert.equal(runContractCall(module, { entry: 'boom', gasLimit: 10_000n }).kind, 'trap');
    assert.deepEqual(step(0), first, 'a trap leaves nothing behind');
  });
});
