// SET_VALIDATORS in the ledger: approved by validators holding more than two thirds of the current
// set's power, in force from a height at least two blocks ahead, one change at a time, kept in the
// genesis account's validator schedule (and so in the state root).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TransactionOutcome } from '../../../../node/ledger/execute-transaction.ts';
import { validatorsAt } from '../../../../node/ledger/validator-schedule.ts';
import { bigintToLong, type pvchain } from '../../../../proto/index.ts';
import { addressOf, key } from '../../light-client/transactions/sample-transactions.ts';
import { Code, createLedger, GENESIS_KEY, Op, validatorEntry } from './ledger-harness.ts';

const GENESIS_SET = [21, 22, 23, 24];
const NEXT_SET = [21, 22, 23, 25];

const resultOf = (outcome: TransactionOutcome): string =>
  outcome.kind === 'executed'
    ? String(Code[outcome.receipt.result ?? 0])
    : `excluded ${outcome.message}`;

function setValidators(
  members: number[],
  effectiveHeight: bigint,
  power = 1n,
): pvchain.v1.Operation.$Properties {
  const validators = members
    .map((n) => validatorEntry(n, power))
    .sort((a, b) => Buffer.compare(a.address, b.address))
    .map((v) => ({ ...v, votingPower: bigintToLong(v.votingPower) }));
  return {
    type: Op.OPERATION_TYPE_SET_VALIDATORS,
    setValidators: { validatorSet: { validators }, effectiveHeight: bigintToLong(effectiveHeight) },
  };
}

const scheduleOf = (ledger: ReturnType<typeof createLedger>) =>
  ledger.account(GENESIS_KEY)?.validatorSchedule;
const membersAt = (ledger: ReturnType<typeof createLedger>, height: bigint) =>
  validatorsAt(
    scheduleOf(ledger),
    GENESIS_SET.map((n) => validatorEntry(n)),
    height,
  )
    .validators.map((v) => Buffer.from(v.address).toString('hex'))
    .sort();
const hexes = (members: number[]) =>
  members.map((n) => Buffer.from(addressOf(key(n))).toString('hex')).sort();

describe('ledger: SET_VALIDATORS', () => {
  it('with 3 of 4 validators signing, the new set signs from the effective height on', () => {
    const ledger = createLedger({ genesisValidators: GENESIS_SET });
    ledger.height = 5n;
    const outcome = ledger.run(GENESIS_KEY, [setValidators(NEXT_SET, 7n)], {
      signers: [GENESIS_KEY, 21, 22, 23],
    });
    assert.equal(resultOf(outcome), 'RESULT_CODE_OK');
    assert.deepEqual(membersAt(ledger, 6n), hexes(GENESIS_SET));
    assert.deepEqual(membersAt(ledger, 7n), hexes(NEXT_SET));
    assert.equal(validatorsAt(scheduleOf(ledger), [], 9n).since, 7n);

    // A second change, once the first is in force: approved by the new set.
    ledger.height = 8n;
    const again = ledger.run(GENESIS_KEY, [setValidators([21, 22, 23, 24, 25], 10n)], {
      signers: [GENESIS_KEY, 22, 23, 25],
    });
    assert.equal(resultOf(again), 'RESULT_CODE_OK');
    assert.deepEqual(membersAt(ledger, 9n), hexes(NEXT_SET));
    assert.deepEqual(membersAt(ledger, 10n), hexes([21, 22, 23, 24, 25]));
    assert.equal(validatorsAt(scheduleOf(ledger), [], 9n).since, 7n);
  });

  it('refuses 2 of 4 validators (two thirds is not more than two thirds), consuming the nonce', () => {
    const ledger = createLedger({ genesisValidators: GENESIS_SET });
    for (const signers of [
      [GENESIS_KEY, 21, 22],
      [GENESIS_KEY, 21, 25, 26],
    ]) {
      const before = ledger.account(GENESIS_KEY)?.nonce ?? 0n;
      const outcome = ledger.run(GENESIS_KEY, [setValidators(NEXT_SET, 10n)], { signers });
      assert.equal(resultOf(outcome), 'RESULT_CODE_NOT_PERMITTED');
      assert.equal(ledger.account(GENESIS_KEY)?.nonce, before + 1n);
      assert.equal(scheduleOf(ledger), undefined);
    }
  });

  it('refuses an effective height less than two blocks ahead, a second pending change, a wrong address', () => {
    const ledger = createLedger({ genesisValidators: GENESIS_SET });
    ledger.height = 5n;
    const signers = [GENESIS_KEY, 21, 22, 23];
    for (const effective of [5n, 6n])
      assert.equal(
        resultOf(ledger.run(GENESIS_KEY, [setValidators(NEXT_SET, effective)], { signers })),
        'RESULT_CODE_INVALID_VALIDATOR_SET',
      );
    assert.equal(
      resultOf(ledger.run(GENESIS_KEY, [setValidators(NEXT_SET, 9n)], { signers })),
      'RESULT_CODE_OK',
    );
    assert.equal(
      resultOf(ledger.run(GENESIS_KEY, [setValidators(GENESIS_SET, 12n)], { signers })),
      'RESULT_CODE_INVALID_VALIDATOR_SET',
    );
    const wrong = setValidators(NEXT_SET, 20n);
    const first = wrong.setValidators?.validatorSet?.validators?.[0];
    if (first) first.publicKey = key(30);
    ledger.height = 10n;
    assert.equal(
      resultOf(ledger.run(GENESIS_KEY, [wrong], { signers })),
      'RESULT_CODE_INVALID_VALIDATOR_SET',
    );
    assert.deepEqual(membersAt(ledger, 10n), hexes(NEXT_SET));
  });

  it('is refused on a chain whose rules name no validators', () => {
    const ledger = createLedger();
    assert.equal(
      resultOf(
        ledger.run(GENESIS_KEY, [setValidators(NEXT_SET, 10n)], {
          signers: [GENESIS_KEY, 21, 22, 23],
        }),
      ),
      'RESULT_CODE_INVALID_OPERATION',
    );
  });
});
