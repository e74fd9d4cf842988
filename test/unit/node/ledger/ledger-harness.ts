// A world state with the chain's genesis account, and a way to run transactions against it as
// admission would hand them over (signatures are admission's to verify; here the signing keys'
// addresses are given directly).
import { decodeSignedTransaction } from '../../../../light-client/transactions/index.ts';
import { type AccountRecord, createAccountRecord } from '../../../../node/ledger/account-record.ts';
import { DEFAULT_ASSET_CODES } from '../../../../node/ledger/chain-rules.ts';
import {
  executeTransaction,
  type TransactionOutcome,
} from '../../../../node/ledger/execute-transaction.ts';
import { createWorldState, type WorldState } from '../../../../node/ledger/world-state.ts';
import { bigintToLong, pvchain } from '../../../../proto/index.ts';
import {
  addressOf,
  CHAIN_ID,
  key,
  signed,
  transaction,
} from '../../light-client/transactions/sample-transactions.ts';

const v1 = pvchain.v1;
export const Op = v1.OperationType;
export const Role = v1.AccountRole;
export const Code = v1.ResultCode;
export const rules = { chainId: CHAIN_ID, hash: 'sha256', ...DEFAULT_ASSET_CODES } as const;

export type Ledger = {
  state: WorldState;
  height: bigint;
  /** Runs one transaction of `source` (a key number) signed by the given key numbers. */
  run(
    source: number,
    operations: pvchain.v1.Operation.$Properties[],
    options?: { nonce?: bigint; signers?: number[]; expiry?: bigint; gasLimit?: bigint },
  ): TransactionOutcome;
  account(n: number): AccountRecord | undefined;
};

export const GENESIS_KEY = 1;

/** With `genesisValidators` (key numbers, power 1 each), SET_VALIDATORS is enabled. */
export function createLedger(options: { genesisValidators?: number[] } = {}): Ledger {
  const chainRules = {
    ...rules,
    ...(options.genesisValidators && {
      validators: {
        genesisAccount: addressOf(key(GENESIS_KEY)),
        genesisValidators: options.genesisValidators.map((n) => validatorEntry(n)),
      },
    }),
  };
  const state = createWorldState({
    accounts: [
      createAccountRecord({
        address: addressOf(key(GENESIS_KEY)),
        role: Role.ACCOUNT_ROLE_GENESIS,
      }),
    ],
  });
  const ledger: Ledger = {
    state,
    height: 1n,
    run(source, operations, options = {}) {
      const sourceAddress = addressOf(key(source));
      const nonce = options.nonce ?? (state.get(sourceAddress)?.nonce ?? 0n) + 1n;
      const bytes = signed(
        transaction({
          source: sourceAddress,
          nonce: bigintToLong(nonce),
          operations,
          ...(options.expiry ? { expiryHeight: bigintToLong(options.expiry) } : {}),
          ...(options.gasLimit ? { gasLimit: bigintToLong(options.gasLimit) } : {}),
        }),
      );
      const decoded = decodeSignedTransaction(bytes, { chainId: CHAIN_ID, hash: 'sha256' });
      const signerAddresses = (options.signers ?? [source]).map((n) => addressOf(key(n)));
      return executeTransaction(
        { state, height: ledger.height, timeMs: 1_700_000_000_000n, rules: chainRules, addressOf },
        { decoded, signerAddresses },
      );
    },
    account: (n) => state.get(addressOf(key(n))),
  };
  return ledger;
}

/** Validator key number n with voting power `power`. */
export const validatorEntry = (n: number, power = 1n) => ({
  address: addressOf(key(n)),
  publicKey: key(n),
  votingPower: power,
});

export const ops = {
  createGrid: (n: number): pvchain.v1.Operation.$Properties => ({
    type: Op.OPERATION_TYPE_CREATE_ACCOUNT,
    createAccount: {
      publicKey: key(n),
      role: Role.ACCOUNT_ROLE_GRID,
      realName: 'State Grid Lianhua',
    },
  }),
  createHousehold: (n: number, realName = `Household ${n}`): pvchain.v1.Operation.$Properties => ({
    type: Op.OPERATION_TYPE_CREATE_ACCOUNT,
    createAccount: { publicKey: key(n), role: Role.ACCOUNT_ROLE_HOUSEHOLD, realName },
  }),
  issue: (code: string, amount: bigint): pvchain.v1.Operation.$Properties => ({
    type: Op.OPERATION_TYPE_ISSUE_ASSET,
    issueAsset: { code, amount: bigintToLong(amount) },
  }),
  pay: (
    to: number,
    issuer: number,
    code: string,
    amount: bigint,
  ): pvchain.v1.Operation.$Properties => ({
    type: Op.OPERATION_TYPE_PAYMENT,
    payment: {
      destination: addressOf(key(to)),
      asset: { issuer: addressOf(key(issuer)), code },
      amount: bigintToLong(amount),
    },
  }),
};

/** The result code of an executed transaction, or `excluded:<code>`. */
export function resultOf(outcome: TransactionOutcome): string {
  if (outcome.kind === 'excluded') return `excluded:${v1.ResultCode[outcome.resultCode]}`;
  return v1.ResultCode[outcome.receipt.result ?? 0] as string;
}
