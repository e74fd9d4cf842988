// DEPLOY_CONTRACT and CALL_CONTRACT. Grid accounts (and the genesis account) deploy contracts;
// any account calls them. A call's allowances let the contract move at most that much of each
// asset out of the caller's account; exports named `system_*` belong to the ledger.

import { hash } from '../../../assembly/bindings/crypto.ts';
import { type Allowance, ContractError } from '../../../light-client/contracts/index.ts';
import { toBigint } from '../../../light-client/transactions/field-checks.ts';
import { pvchain } from '../../../proto/index.ts';
import { createAccountRecord } from '../account-record.ts';
import { deployedContractAddress } from '../contracts/contract-address.ts';
import { compiledContract } from '../contracts/module-cache.ts';
import { runContract } from '../contracts/run-contract.ts';
import { fail, ResultCode } from '../operation-failure.ts';
import type { OperationContext } from './context.ts';

const { AccountRole } = pvchain.v1;
const EMPTY = new Uint8Array(0);
export const SYSTEM_ENTRY_PREFIX = 'system_';

/** Creates a contract account running `code`, and runs its `init` export if it has one. */
export function installContract(
  ctx: OperationContext,
  options: { address: Uint8Array; code: Uint8Array; initInput: Uint8Array; creator: Uint8Array },
): void {
  if (ctx.state.get(options.address))
    fail(ResultCode.RESULT_CODE_ACCOUNT_EXISTS, 'the contract address is taken');
  const codeHash = hash(ctx.rules.hash, options.code);
  let module: WebAssembly.Module;
  try {
    module = compiledContract(codeHash, options.code);
  } catch (error) {
    if (error instanceof ContractError)
      fail(ResultCode.RESULT_CODE_INVALID_CONTRACT_CODE, error.message);
    throw error;
  }
  ctx.state.addCode(codeHash, options.code);
  const contract = createAccountRecord({
    address: options.address,
    role: AccountRole.ACCOUNT_ROLE_CONTRACT,
    creator: options.creator,
    createdHeight: ctx.height,
    codeHash,
  });
  ctx.state.create(contract);
  ctx.effects.contractAddress = options.address;
  const hasInit = WebAssembly.Module.exports(module).some(
    (e) => e.name === 'init' && e.kind === 'function',
  );
  if (hasInit)
    runContract(ctx, {
      contract,
      entry: 'init',
      input: options.initInput,
      caller: options.creator,
    });
}

export function deployContract(
  ctx: OperationContext,
  body: pvchain.v1.DeployContract.$Properties,
): void {
  const role = ctx.source.role;
  if (role !== AccountRole.ACCOUNT_ROLE_GRID && role !== AccountRole.ACCOUNT_ROLE_GENESIS)
    fail(ResultCode.RESULT_CODE_NOT_PERMITTED, 'only grid accounts deploy contracts');
  installContract(ctx, {
    address: deployedContractAddress(ctx.rules.hash, ctx.transactionHash, ctx.operationIndex),
    code: body.code ?? EMPTY,
    initInput: body.initInput ?? EMPTY,
    creator: ctx.source.address,
  });
}

export function callContract(
  ctx: OperationContext,
  body: pvchain.v1.CallContract.$Properties,
): void {
  const contract = ctx.state.get(body.contract as Uint8Array);
  if (!contract || contract.role !== AccountRole.ACCOUNT_ROLE_CONTRACT)
    fail(ResultCode.RESULT_CODE_CONTRACT_NOT_FOUND, 'no contract at this address');
  const method = body.method ?? '';
  if (method.startsWith(SYSTEM_ENTRY_PREFIX) || method === 'init')
    fail(ResultCode.RESULT_CODE_NOT_PERMITTED, `${method} is called by the ledger only`);
  const allowances: Allowance[] = (body.allowances ?? []).map((a) => ({
    owner: ctx.source.address,
    asset: { issuer: a.asset?.issuer ?? EMPTY, code: a.asset?.code ?? '' },
    amount: toBigint(a.amount),
  }));
  runContract(ctx, {
    contract,
    entry: method,
    input: body.input ?? EMPTY,
    caller: ctx.source.address,
    allowances,
  });
}
