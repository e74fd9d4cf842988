// Which validator set signs which height. The genesis file names the first set; SET_VALIDATORS
// (approved by validators holding more than two thirds of the current set's power) schedules
// another from a stated height on. The schedule lives in the genesis account's record, so it is
// part of the state root (and provable to light clients). docs/adr/0018-validator-set-changes.md.
import { toBigint } from '../../light-client/transactions/field-checks.ts';
import type { ValidatorEntry } from '../../light-client/verify/index.ts';
import { bigintToLong, type pvchain } from '../../proto/index.ts';

export type ValidatorSchedule = {
  /** The set signing from currentSince on; undefined: the genesis file's set. */
  current: readonly ValidatorEntry[] | undefined;
  currentSince: bigint;
  /** A set approved to sign from nextHeight on, if any. */
  next: readonly ValidatorEntry[] | undefined;
  nextHeight: bigint;
};

/** A set and the first height it signs (the start of its epoch). */
export type ValidatorEpoch = { validators: readonly ValidatorEntry[]; since: bigint };

/** The set that signs `height`. */
export function validatorsAt(
  schedule: ValidatorSchedule | undefined,
  genesisValidators: readonly ValidatorEntry[],
  height: bigint,
): ValidatorEpoch {
  if (schedule?.next && height >= schedule.nextHeight)
    return { validators: schedule.next, since: schedule.nextHeight };
  return {
    validators: schedule?.current ?? genesisValidators,
    since: schedule?.current ? schedule.currentSince : 1n,
  };
}

/** The schedule once `next` is approved at `height` to sign from `effectiveHeight` on. */
export function scheduleChange(
  schedule: ValidatorSchedule | undefined,
  height: bigint,
  next: readonly ValidatorEntry[],
  effectiveHeight: bigint,
): ValidatorSchedule {
  const inForce = schedule?.next !== undefined && height >= schedule.nextHeight;
  return {
    current: inForce ? schedule.next : schedule?.current,
    currentSince: inForce ? schedule.nextHeight : (schedule?.currentSince ?? 0n),
    next,
    nextHeight: effectiveHeight,
  };
}

/** A change approved but not yet in force at `height`. */
export const pendingAt = (schedule: ValidatorSchedule | undefined, height: bigint): boolean =>
  schedule?.next !== undefined && schedule.nextHeight > height;

const toMessage = (set: readonly ValidatorEntry[]): pvchain.v1.ValidatorSet.$Properties => ({
  validators: set.map((v) => ({
    address: v.address,
    publicKey: v.publicKey,
    votingPower: bigintToLong(v.votingPower),
  })),
});

const fromMessage = (
  set: pvchain.v1.ValidatorSet.$Properties | null | undefined,
): ValidatorEntry[] | undefined =>
  set
    ? (set.validators ?? []).map((v) => ({
        address: v.address ?? new Uint8Array(0),
        publicKey: v.publicKey ?? new Uint8Array(0),
        votingPower: toBigint(v.votingPower),
      }))
    : undefined;

export function encodeSchedule(s: ValidatorSchedule): pvchain.v1.ValidatorSchedule.$Properties {
  return {
    current: s.current && toMessage(s.current),
    currentSince: bigintToLong(s.currentSince),
    next: s.next && toMessage(s.next),
    nextHeight: bigintToLong(s.nextHeight),
  };
}

export function decodeSchedule(
  m: pvchain.v1.ValidatorSchedule.$Properties | null | undefined,
): ValidatorSchedule | undefined {
  if (!m) return undefined;
  return {
    current: fromMessage(m.current),
    currentSince: toBigint(m.currentSince),
    next: fromMessage(m.next),
    nextHeight: toBigint(m.nextHeight),
  };
}
