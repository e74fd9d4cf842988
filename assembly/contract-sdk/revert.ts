// Ending a call with `reverted`.
import * as env from './env';

/**
 * Ends the call with `reverted` and this reason (UTF-8, cut by the host at 1 KiB): the call's
 * effects are rolled back and only its gas is charged. Never returns (AssemblyScript does not
 * know that: to narrow a nullable value, use `orRevert`).
 */
export function revert(reason: string): void {
  const bytes = String.UTF8.encode(reason);
  env.revert(changetype<usize>(bytes), bytes.byteLength);
  unreachable();
}

/** Reverts with `reason` unless `condition` holds. */
export function require(condition: bool, reason: string): void {
  if (!condition) revert(reason);
}

/** `value` when it is not null, else reverts with `reason`: `orRevert(loadOffer(id), 'no such offer')`. */
export function orRevert<T>(value: T, reason: string): NonNullable<T> {
  if (value === null) revert(reason);
  return changetype<NonNullable<T>>(value);
}
