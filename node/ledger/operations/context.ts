// What an operation executes against: the state, the source account and the block.
import type { AccountRecord } from '../account-record.ts';
import type { ChainRules } from '../chain-rules.ts';
import type { WorldState } from '../world-state.ts';

export type OperationContext = {
  state: WorldState;
  /** The transaction's source account, already journaled for change. */
  source: AccountRecord;
  height: bigint;
  rules: ChainRules;
  /** The address of an Ed25519 public key (DESIGN.md's BubiChain V3 format), 23 bytes. */
  addressOf: (publicKey: Uint8Array) => Uint8Array;
};
