// CREATE_ACCOUNT, SET_METADATA, SET_SIGNER_WEIGHT, SET_THRESHOLD and SET_REAL_NAME.
import { toBigint } from '../../../light-client/transactions/field-checks.ts';
import { pvchain } from '../../../proto/index.ts';
import {
  type AccountRecord,
  createAccountRecord,
  defaultPermissions,
  type Permissions,
  toHex,
} from '../account-record.ts';
import { fail, ResultCode } from '../operation-failure.ts';
import type { OperationContext } from './context.ts';

const { AccountRole } = pvchain.v1;

/** Who creates whom: the genesis account creates grids, a grid creates households. */
const CREATOR_OF: Readonly<Partial<Record<number, pvchain.v1.AccountRole>>> = {
  [AccountRole.ACCOUNT_ROLE_GRID]: AccountRole.ACCOUNT_ROLE_GENESIS,
  [AccountRole.ACCOUNT_ROLE_HOUSEHOLD]: AccountRole.ACCOUNT_ROLE_GRID,
};

function permissionsOf(p: pvchain.v1.Permissions.$Properties | null | undefined): Permissions {
  if (!p) return defaultPermissions();
  return {
    masterWeight: p.masterWeight ?? 0,
    signers: new Map((p.signers ?? []).map((s) => [toHex(s.address as Uint8Array), s.weight ?? 0])),
    txThreshold: toBigint(p.txThreshold),
    typeThresholds: new Map(
      (p.typeThresholds ?? []).map((t) => [t.type ?? 0, toBigint(t.threshold)]),
    ),
  };
}

/**
 * BubiChain let an account set thresholds its keys could never reach, locking it for good.
 * Here every threshold must stay reachable by the account's own keys together.
 */
function assertReachable(p: Permissions): void {
  let total = BigInt(p.masterWeight);
  for (const weight of p.signers.values()) total += BigInt(weight);
  let highest = p.txThreshold;
  for (const threshold of p.typeThresholds.values()) if (threshold > highest) highest = threshold;
  if (total < highest) {
    fail(
      ResultCode.RESULT_CODE_INVALID_OPERATION,
      `keys weigh ${total} together, below threshold ${highest}: the account would be locked`,
    );
  }
}

export function createAccount(
  ctx: OperationContext,
  body: pvchain.v1.CreateAccount.$Properties,
): void {
  const role = body.role ?? AccountRole.ACCOUNT_ROLE_UNSPECIFIED;
  if (CREATOR_OF[role] !== ctx.source.role) {
    fail(
      ResultCode.RESULT_CODE_NOT_PERMITTED,
      'the genesis account creates grids, a grid creates households',
    );
  }
  const address = ctx.addressOf(body.publicKey as Uint8Array);
  if (ctx.state.get(address))
    fail(ResultCode.RESULT_CODE_ACCOUNT_EXISTS, 'an account with this key exists');
  const permissions = permissionsOf(body.permissions);
  assertReachable(permissions);
  const record: AccountRecord = createAccountRecord({
    address,
    role,
    permissions,
    realName: body.realName ?? '',
    creator: ctx.source.address,
    createdHeight: ctx.height,
  });
  ctx.state.create(record);
}

export function setMetadata(ctx: OperationContext, body: pvchain.v1.SetMetadata.$Properties): void {
  const key = body.key ?? '';
  const current = ctx.source.metadata.get(key);
  const expected = toBigint(body.expectedVersion);
  if (expected !== 0n && expected !== (current?.version ?? 0n)) {
    fail(
      ResultCode.RESULT_CODE_METADATA_VERSION_MISMATCH,
      `metadata ${key} is at version ${current?.version ?? 0n}`,
    );
  }
  if (body.remove) ctx.source.metadata.delete(key);
  else
    ctx.source.metadata.set(key, {
      value: body.value ?? new Uint8Array(0),
      version: (current?.version ?? 0n) + 1n,
    });
}

export function setSignerWeight(
  ctx: OperationContext,
  body: pvchain.v1.SetSignerWeight.$Properties,
): void {
  const p = ctx.source.permissions;
  const next: Permissions = { ...p, signers: new Map(p.signers) };
  if (body.masterWeight) next.masterWeight = body.masterWeight.value ?? 0;
  for (const signer of body.signers ?? []) {
    const hex = toHex(signer.address as Uint8Array);
    if (signer.weight) next.signers.set(hex, signer.weight);
    else next.signers.delete(hex);
  }
  assertReachable(next);
  ctx.source.permissions = next;
}

export function setThreshold(
  ctx: OperationContext,
  body: pvchain.v1.SetThreshold.$Properties,
): void {
  const p = ctx.source.permissions;
  const next: Permissions = { ...p, typeThresholds: new Map(p.typeThresholds) };
  const txThreshold = toBigint(body.txThreshold);
  if (txThreshold > 0n) next.txThreshold = txThreshold;
  for (const { type, threshold } of body.typeThresholds ?? []) {
    const value = toBigint(threshold);
    if (value > 0n) next.typeThresholds.set(type ?? 0, value);
    else next.typeThresholds.delete(type ?? 0);
  }
  assertReachable(next);
  ctx.source.permissions = next;
}

/** A household names its head of household; nobody else may rename it. */
export function setRealName(ctx: OperationContext, body: pvchain.v1.SetRealName.$Properties): void {
  if (ctx.source.role !== AccountRole.ACCOUNT_ROLE_HOUSEHOLD) {
    fail(ResultCode.RESULT_CODE_NOT_PERMITTED, 'only a household has a real name to change');
  }
  ctx.source.realName = body.realName ?? '';
}
