// The contract sandbox on any host: the same modules give the same verdicts, results and gas in
// Node and in Chromium. Registered by test/unit/light-client/contracts/sandbox-shared.test.ts and
// test/browser/contracts.test.ts; each host assembles WAT its own way.
import {
  type ContractCallResult,
  ContractError,
  DEFAULT_CONTRACT_LIMITS,
  injectGasMetering,
  runContractCall,
  validateContractModule,
} from '../../light-client/contracts/index.ts';
import { checkEqual } from './check.ts';
import type { TestCase } from './hash-suite.ts';

export type SandboxEnvironment = { assemble(wat: string): Promise<Uint8Array> };

const LIMITS = { ...DEFAULT_CONTRACT_LIMITS, allowedImports: ['revert'] };

const SUM_LOOP = `(module (memory 1 1)
  (func (export "sum") (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $acc)))`;
const ENDLESS = '(module (memory 1 1) (func (export "spin") (loop $l (br $l))))';
const FLOAT = '(module (func (export "f") (result f64) (f64.add (f64.const 1) (f64.const 2))))';
const REVERT = `(module (import "env" "revert" (func $revert (param i32 i32)))
  (memory (export "memory") 1 1) (data (i32.const 0) "offer taken")
  (func (export "buy") (call $revert (i32.const 0) (i32.const 11))))`;

/** A result as text, gas included: what two hosts must agree on. */
const summary = (r: ContractCallResult): string =>
  `${r.kind}:${'value' in r ? String(r.value) : ''}:${'reason' in r ? r.reason : ''}:${r.gasUsed}`;

export function createSandboxSuite(env: SandboxEnvironment): TestCase[] {
  const metered = async (wat: string) =>
    injectGasMetering(await env.assemble(wat), undefined, { limits: LIMITS });
  return [
    {
      name: 'refuses floats at deploy with CONTRACT_FLOAT',
      async run() {
        const bytes = await env.assemble(FLOAT);
        let code = 'accepted';
        try {
          validateContractModule(bytes, LIMITS);
        } catch (error) {
          code = error instanceof ContractError ? error.code : String(error);
        }
        checkEqual(code, 'CONTRACT_FLOAT', 'a module with an f64.add');
      },
    },
    {
      name: 'a loop of 100 iterations: its value, and the same gas on every run and every host',
      async run() {
        const module = await metered(SUM_LOOP);
        const first = runContractCall(module, { entry: 'sum', args: [100], gasLimit: 100_000n });
        checkEqual(first.kind === 'ok' ? first.value : undefined, 5050, 'sum of 1..100');
        checkEqual(
          summary(runContractCall(module, { entry: 'sum', args: [100], gasLimit: 100_000n })),
          summary(first),
          'second run',
        );
        checkEqual(summary(first), SUM_100_RESULT, 'the result every host computes');
      },
    },
    {
      name: 'an endless loop ends out of gas, using exactly the limit',
      async run() {
        const result = runContractCall(await metered(ENDLESS), {
          entry: 'spin',
          gasLimit: 50_000n,
        });
        checkEqual(result.kind, 'out_of_gas', 'kind');
        checkEqual(result.gasUsed, 50_000n, 'gas used');
      },
    },
    {
      name: 'a revert is a result value carrying its reason',
      async run() {
        const result = runContractCall(await metered(REVERT), { entry: 'buy', gasLimit: 10_000n });
        checkEqual(
          result.kind === 'reverted' ? result.reason : result.kind,
          'offer taken',
          'reason',
        );
      },
    },
  ];
}

/** What `sum(100)` returns on the default schedule, as Node computed it when this was written. */
export const SUM_100_RESULT = 'ok:5050::1216';
