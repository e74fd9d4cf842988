// Keys, sets and helpers shared by the verification cases (verify-*-cases.ts).
import {
  trustBlock,
  type ValidatorSet,
  VerifyError,
  type VerifyErrorCode,
} from '../../light-client/verify/index.ts';
import { CheckError, checkEqual } from './check.ts';
import { ALG, CHAIN_ID, GENESIS_HASH, GENESIS_TIME_MS, keys } from './verify-fixtures.ts';

/** Runs `run`, demands a VerifyError with `code`, and returns it. */
export function expectVerifyError(run: () => unknown, code: VerifyErrorCode, what: string) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof VerifyError)) throw new CheckError(`${what}: got ${String(error)}`);
    checkEqual(error.code, code, `${what}: code (${error.message})`);
    return error;
  }
  throw new CheckError(`${what}: expected ${code}, nothing was thrown`);
}

export const A = keys([10, 11, 12, 13]);
export const B = keys([20, 21, 22, 23, 24]);
export const options = { chainId: CHAIN_ID, hash: ALG } as const;
export const genesis = (set: ValidatorSet) =>
  trustBlock({ height: 0n, hash: GENESIS_HASH, timeMs: GENESIS_TIME_MS }, set);
