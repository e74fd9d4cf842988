// Properties of random transaction sequences: the supply of each asset changes only by issue,
// no balance goes negative, and every account's nonce counts exactly its executed transactions.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { assetKey } from '../../../../node/ledger/account-record.ts';
import { createLedger, GENESIS_KEY, ops } from './ledger-harness.ts';

const GRID = 10;
const HOUSEHOLDS = [20, 21, 22, 23];
const EVERYONE = [GRID, ...HOUSEHOLDS];

const operation = fc.oneof(
  fc.record({
    kind: fc.constant('pay' as const),
    to: fc.constantFrom(...EVERYONE, 99),
    code: fc.constantFrom('kWh', 'CNY'),
    amount: fc.bigInt({ min: 1n, max: 5_000n }),
  }),
  fc.record({
    kind: fc.constant('issue' as const),
    code: fc.constantFrom('kWh', 'CNY'),
    amount: fc.bigInt({ min: 1n, max: 10_000n }),
  }),
);
const transaction = fc.record({
  source: fc.constantFrom(...EVERYONE),
  operations: fc.array(operation, { minLength: 1, maxLength: 3 }),
  nonceSkew: fc.constantFrom(0n, 0n, 0n, 0n, 1n, -1n),
});

it('supply changes only by issue, balances stay non-negative, nonces count executed transactions', () => {
  fc.assert(
    fc.property(fc.array(transaction, { minLength: 1, maxLength: 40 }), (sequence) => {
      const ledger = createLedger();
      ledger.run(GENESIS_KEY, [ops.createGrid(GRID)]);
      ledger.run(
        GRID,
        HOUSEHOLDS.map((n) => ops.createHousehold(n)),
      );
      const executed = new Map<number, bigint>([[GRID, 1n]]);
      const issued = new Map<string, bigint>();
      for (const tx of sequence) {
        const operations = tx.operations.map((op) =>
          op.kind === 'pay'
            ? ops.pay(op.to, GRID, op.code, op.amount)
            : ops.issue(op.code, op.amount),
        );
        const wanted = (ledger.account(tx.source)?.nonce ?? 0n) + 1n + tx.nonceSkew;
        const nonce = wanted < 1n ? 1n : wanted;
        const outcome = ledger.run(tx.source, operations, { nonce });
        if (outcome.kind === 'excluded') continue;
        executed.set(tx.source, (executed.get(tx.source) ?? 0n) + 1n);
        if (outcome.receipt.result !== 0) continue;
        for (const op of tx.operations) {
          if (op.kind === 'issue') {
            const key = assetKey(ledger.account(tx.source)?.address as Uint8Array, op.code);
            issued.set(key, (issued.get(key) ?? 0n) + op.amount);
          }
        }
      }
      const supply = new Map<string, bigint>();
      for (const n of EVERYONE) {
        const account = ledger.account(n);
        assert.equal(account?.nonce, executed.get(n) ?? 0n, `nonce of account ${n}`);
        for (const [key, amount] of account?.balances ?? []) {
          assert.ok(amount > 0n, `a stored balance is positive (${key}: ${amount})`);
          supply.set(key, (supply.get(key) ?? 0n) + amount);
        }
      }
      assert.deepEqual(supply, issued);
    }),
    { numRuns: 200 },
  );
});
