// Moving amounts between balances, with the checks every movement needs, and the household's
// supply status that follows its energy balance: supply stops when the balance reaches zero.
import { pvchain } from '../../../proto/index.ts';
import { type AccountRecord, assetKey } from '../account-record.ts';
import { U64_MAX } from '../chain-rules.ts';
import { fail, ResultCode } from '../operation-failure.ts';
import type { OperationContext } from './context.ts';

const { AccountRole, SupplyStatus } = pvchain.v1;

export function credit(account: AccountRecord, key: string, amount: bigint): void {
  const total = (account.balances.get(key) ?? 0n) + amount;
  if (total > U64_MAX)
    fail(ResultCode.RESULT_CODE_BALANCE_OVERFLOW, `balance of ${key} would exceed 2^64 - 1`);
  account.balances.set(key, total);
}

export function debit(account: AccountRecord, key: string, amount: bigint): void {
  const balance = account.balances.get(key) ?? 0n;
  if (balance < amount)
    fail(
      ResultCode.RESULT_CODE_INSUFFICIENT_BALANCE,
      `balance of ${key} is ${balance}, needs ${amount}`,
    );
  if (balance === amount) account.balances.delete(key);
  else account.balances.set(key, balance - amount);
}

/** A household is supplied while it holds energy credit of the grid that created it. */
export function updateSupplyStatus(ctx: OperationContext, account: AccountRecord): void {
  if (account.role !== AccountRole.ACCOUNT_ROLE_HOUSEHOLD) return;
  const energy = account.balances.get(assetKey(account.creator, ctx.rules.energyCode)) ?? 0n;
  account.supplyStatus =
    energy > 0n ? SupplyStatus.SUPPLY_STATUS_ACTIVE : SupplyStatus.SUPPLY_STATUS_SUSPENDED;
}
