// Executes one admitted transaction against the world state. A transaction the source could not
// have sent (unknown source, wrong nonce, too little signing weight, expired) is excluded: it
// belongs in no block. Otherwise it gets a receipt; if an operation fails, every change of the
// transaction rolls back and only its nonce is consumed.
import type { DecodedTransaction } from '../../light-client/transactions/index.ts';
import { bigintToLong, type pvchain } from '../../proto/index.ts';
import { OperationFailure, ResultCode } from './operation-failure.ts';
import { emptyEffects, type OperationContext } from './operations/context.ts';
import { accountOperations } from './operations/index.ts';
import { requiredThreshold, signatureWeight } from './permissions.ts';

export type AdmittedTransaction = {
  decoded: DecodedTransaction;
  /** Addresses of the keys whose signatures verified. */
  signerAddresses: readonly Uint8Array[];
};

export type TransactionOutcome =
  | { kind: 'excluded'; resultCode: ResultCode; message: string }
  | { kind: 'executed'; receipt: pvchain.v1.Receipt.$Properties };

/** The block a transaction executes in. */
export type ExecutionContext = Omit<
  OperationContext,
  'source' | 'transactionHash' | 'signerAddresses' | 'operationIndex' | 'effects'
>;

const excluded = (resultCode: ResultCode, message: string): TransactionOutcome => ({
  kind: 'excluded',
  resultCode,
  message,
});

/** Why `tx` cannot be executed now at all, or null when it can. */
export function exclusionOf(
  ctx: ExecutionContext,
  tx: AdmittedTransaction,
): TransactionOutcome | null {
  const { transaction, nonce, expiryHeight } = tx.decoded;
  const source = ctx.state.get(transaction.source);
  if (!source)
    return excluded(ResultCode.RESULT_CODE_SOURCE_NOT_FOUND, 'the source account does not exist');
  if (expiryHeight !== 0n && ctx.height > expiryHeight)
    return excluded(ResultCode.RESULT_CODE_EXPIRED, `expired at height ${expiryHeight}`);
  if (nonce !== source.nonce + 1n)
    return excluded(
      ResultCode.RESULT_CODE_BAD_NONCE,
      `nonce ${nonce}, expected ${source.nonce + 1n}`,
    );
  const weight = signatureWeight(source, tx.signerAddresses);
  const threshold = requiredThreshold(
    source.permissions,
    transaction.operations.map((op) => op.type ?? 0),
  );
  if (weight < threshold)
    return excluded(
      ResultCode.RESULT_CODE_INSUFFICIENT_WEIGHT,
      `signed weight ${weight} below threshold ${threshold}`,
    );
  return null;
}

export function executeTransaction(
  ctx: ExecutionContext,
  tx: AdmittedTransaction,
): TransactionOutcome {
  const exclusion = exclusionOf(ctx, tx);
  if (exclusion) return exclusion;
  const { transaction, hash, gasLimit } = tx.decoded;
  let result: ResultCode = ResultCode.RESULT_CODE_OK;
  let failedOperation = 0;
  const effects = emptyEffects(gasLimit);
  ctx.state.begin();
  try {
    const source = ctx.state.modify(transaction.source);
    if (!source) throw new Error('source vanished');
    const opCtx: OperationContext = {
      ...ctx,
      source,
      transactionHash: hash,
      signerAddresses: tx.signerAddresses,
      operationIndex: 0,
      effects,
    };
    transaction.operations.forEach((operation, i) => {
      failedOperation = i + 1;
      opCtx.operationIndex = i + 1;
      accountOperations.apply(opCtx, operation);
    });
    failedOperation = 0;
    ctx.state.keep();
  } catch (error) {
    ctx.state.undo();
    if (!(error instanceof OperationFailure)) throw error;
    result = error.resultCode;
  }
  const source = ctx.state.modify(transaction.source);
  if (source) source.nonce += 1n;
  const ok = result === ResultCode.RESULT_CODE_OK;
  return {
    kind: 'executed',
    receipt: {
      transactionHash: hash,
      result,
      failedOperation,
      gasUsed: bigintToLong(effects.gasUsed),
      events: ok ? effects.events : [],
      output: ok ? effects.output : new Uint8Array(0),
      contractAddress: ok ? effects.contractAddress : new Uint8Array(0),
    },
  };
}
