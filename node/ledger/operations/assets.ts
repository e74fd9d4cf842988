// ISSUE_ASSET and PAYMENT.

import { toBigint } from '../../../light-client/transactions/field-checks.ts';
import { pvchain } from '../../../proto/index.ts';
import { assetKey } from '../account-record.ts';
import { fail, ResultCode } from '../operation-failure.ts';
import { credit, debit, updateSupplyStatus } from './balances.ts';
import type { OperationContext } from './context.ts';

const { AccountRole } = pvchain.v1;

/** Only grid accounts issue assets (the energy and money credits); households never do. */
export function issueAsset(ctx: OperationContext, body: pvchain.v1.IssueAsset.$Properties): void {
  if (ctx.source.role !== AccountRole.ACCOUNT_ROLE_GRID) {
    fail(ResultCode.RESULT_CODE_NOT_PERMITTED, 'only a grid account issues assets');
  }
  credit(ctx.source, assetKey(ctx.source.address, body.code ?? ''), toBigint(body.amount));
}

/** Moves an amount of one asset from the source to an existing account. */
export function payment(ctx: OperationContext, body: pvchain.v1.Payment.$Properties): void {
  const destination = ctx.state.modify(body.destination as Uint8Array);
  if (!destination)
    fail(ResultCode.RESULT_CODE_ACCOUNT_NOT_FOUND, 'the destination account does not exist');
  const key = assetKey(body.asset?.issuer as Uint8Array, body.asset?.code ?? '');
  const amount = toBigint(body.amount);
  debit(ctx.source, key, amount);
  credit(destination, key, amount);
  updateSupplyStatus(ctx, ctx.source);
  updateSupplyStatus(ctx, destination);
}
