// SET_VALIDATORS: validators holding more than two thirds of the current set's voting power sign
// the transaction (besides its source), and the new set signs from `effective_height` on. The
// height is at least two blocks ahead, so every node (and light client) knows the next set before
// it must check the header that announces it in next_validators_hash. One change at a time.
import { toBigint } from '../../../light-client/transactions/field-checks.ts';
import type { pvchain } from '../../../proto/index.ts';
import { toHex } from '../account-record.ts';
import { fail, ResultCode } from '../operation-failure.ts';
import { pendingAt, scheduleChange, validatorsAt } from '../validator-schedule.ts';
import type { OperationContext } from './context.ts';

/** Blocks between the one that approves a change and the first the new set signs, at least. */
export const MIN_VALIDATOR_CHANGE_DELAY = 2n;
/** The total voting power of a set stays far from uint64 overflow. */
const MAX_TOTAL_POWER = 2n ** 53n;

export function setValidators(
  ctx: OperationContext,
  body: pvchain.v1.SetValidators.$Properties,
): void {
  const rules = ctx.rules.validators;
  if (!rules) fail(ResultCode.RESULT_CODE_INVALID_OPERATION, 'this chain has no validator rules');
  const effectiveHeight = toBigint(body.effectiveHeight);
  const earliest = ctx.height + MIN_VALIDATOR_CHANGE_DELAY;
  if (effectiveHeight < earliest)
    fail(
      ResultCode.RESULT_CODE_INVALID_VALIDATOR_SET,
      `effective height ${effectiveHeight} is before ${earliest} (approval height + ${MIN_VALIDATOR_CHANGE_DELAY})`,
    );
  const genesis = ctx.state.modify(rules.genesisAccount);
  if (!genesis) throw new Error('the genesis account is missing');
  const schedule = genesis.validatorSchedule;
  if (pendingAt(schedule, ctx.height))
    fail(
      ResultCode.RESULT_CODE_INVALID_VALIDATOR_SET,
      `a change to another set is pending from height ${schedule?.nextHeight}`,
    );
  const current = validatorsAt(schedule, rules.genesisValidators, ctx.height).validators;
  const signed = new Set(ctx.signerAddresses.map(toHex));
  let total = 0n;
  let approving = 0n;
  for (const v of current) {
    total += v.votingPower;
    if (signed.has(toHex(v.address))) approving += v.votingPower;
  }
  if (3n * approving <= 2n * total)
    fail(
      ResultCode.RESULT_CODE_NOT_PERMITTED,
      `validators with ${approving} of ${total} voting power signed; more than two thirds must`,
    );
  const next = (body.validatorSet?.validators ?? []).map((v, i) => {
    const publicKey = v.publicKey as Uint8Array;
    if (toHex(ctx.addressOf(publicKey)) !== toHex(v.address as Uint8Array))
      fail(
        ResultCode.RESULT_CODE_INVALID_VALIDATOR_SET,
        `validators[${i}]: the address is not the public key's`,
      );
    return { address: ctx.addressOf(publicKey), publicKey, votingPower: toBigint(v.votingPower) };
  });
  if (next.reduce((sum, v) => sum + v.votingPower, 0n) > MAX_TOTAL_POWER)
    fail(ResultCode.RESULT_CODE_INVALID_VALIDATOR_SET, 'the total voting power is above 2^53');
  genesis.validatorSchedule = scheduleChange(schedule, ctx.height, next, effectiveHeight);
}
