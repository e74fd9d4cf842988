// Every account record in memory, with a journal that rolls a failed transaction back and a
// record of what changed since the last block commit. The community's accounts number in the
// thousands, so they all stay in memory; the state trie authenticates and persists them
// (docs/adr/0007-ledger-execution.md).
import { type AccountRecord, cloneAccount, toHex } from './account-record.ts';

export type WorldState = {
  get(address: Uint8Array): AccountRecord | undefined;
  /** The record, to change: its state before the change is journaled first. */
  modify(address: Uint8Array): AccountRecord | undefined;
  create(record: AccountRecord): void;
  /** Starts journaling a transaction's changes. */
  begin(): void;
  /** Keeps the transaction's changes. */
  keep(): void;
  /** Undoes every change since `begin`. */
  undo(): void;
  /** The records changed since the last `takeChanged`, and forgets them. */
  takeChanged(): AccountRecord[];
  size(): number;
};

export function createWorldState(initial: Iterable<AccountRecord> = []): WorldState {
  const accounts = new Map<string, AccountRecord>();
  for (const record of initial) accounts.set(toHex(record.address), record);
  const changed = new Set<string>();
  let journal: Map<string, AccountRecord | undefined> | null = null;

  const touch = (key: string): void => {
    if (journal && !journal.has(key)) {
      const before = accounts.get(key);
      journal.set(key, before && cloneAccount(before));
    }
    changed.add(key);
  };

  return {
    get: (address) => accounts.get(toHex(address)),
    modify(address) {
      const key = toHex(address);
      if (!accounts.has(key)) return undefined;
      touch(key);
      return accounts.get(key);
    },
    create(record) {
      const key = toHex(record.address);
      if (accounts.has(key)) throw new RangeError(`account ${key} exists`);
      touch(key);
      accounts.set(key, record);
    },
    begin() {
      if (journal) throw new Error('a transaction is already being journaled');
      journal = new Map();
    },
    keep() {
      journal = null;
    },
    undo() {
      for (const [key, before] of journal ?? []) {
        if (before) accounts.set(key, before);
        else accounts.delete(key);
      }
      journal = null;
    },
    takeChanged() {
      const records = [...changed].flatMap((key) => accounts.get(key) ?? []);
      changed.clear();
      return records;
    },
    size: () => accounts.size,
  };
}
