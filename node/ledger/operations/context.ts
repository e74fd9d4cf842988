// What an operation executes against: the state, the source account, the block, and what the
// transaction's contract calls have produced so far.
import type { pvchain } from '../../../proto/index.ts';
import type { AccountRecord } from '../account-record.ts';
import type { ChainRules } from '../chain-rules.ts';
import type { WorldState } from '../world-state.ts';

/** What a transaction's contract calls leave in its receipt. */
export type TransactionEffects = {
  /** Gas the transaction may still use for contract calls it pays for (its gas_limit). */
  gasLeft: bigint;
  gasUsed: bigint;
  events: pvchain.v1.Event.$Properties[];
  output: Uint8Array;
  contractAddress: Uint8Array;
};

export type OperationContext = {
  state: WorldState;
  /** The transaction's source account, already journaled for change. */
  source: AccountRecord;
  height: bigint;
  /** The block's time, ms since the Unix epoch. */
  timeMs: bigint;
  rules: ChainRules;
  /** The address of an Ed25519 public key (DESIGN.md's BubiChain V3 format), 23 bytes. */
  addressOf: (publicKey: Uint8Array) => Uint8Array;
  /** The transaction being executed: its hash (contract addresses derive from it). */
  transactionHash: Uint8Array;
  /** Addresses of the keys whose signatures on the transaction verified. */
  signerAddresses: readonly Uint8Array[];
  /** 1-based position of the operation being executed. */
  operationIndex: number;
  effects: TransactionEffects;
};

export function emptyEffects(gasLimit: bigint): TransactionEffects {
  return {
    gasLeft: gasLimit,
    gasUsed: 0n,
    events: [],
    output: new Uint8Array(0),
    contractAddress: new Uint8Array(0),
  };
}
