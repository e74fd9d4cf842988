// Every account record, every contract's storage and code in memory, with a journal that rolls a
// failed transaction back and a record of what changed since the last block commit. The
// community's accounts number in the thousands, so they all stay in memory; the state trie and
// the contracts' storage tries authenticate and persist them (docs/adr/0007-ledger-execution.md,
// docs/adr/0010-contracts-in-the-ledger.md).
import { type AccountRecord, cloneAccount, toHex } from './account-record.ts';

/** What changed since the last `takeChanges`. */
export type StateChanges = {
  accounts: AccountRecord[];
  /** Contract address (hex) -> storage key (hex) -> new value, or undefined when deleted. */
  storage: Map<string, Map<string, Uint8Array | undefined>>;
  /** Code hash (hex) -> code, for code deployed since. */
  codes: Map<string, Uint8Array>;
};

/** The state to start from: accounts, with their contracts' storage and code. */
export type LoadedState = {
  accounts: Iterable<AccountRecord>;
  storage?: Map<string, Map<string, Uint8Array>>;
  codes?: Map<string, Uint8Array>;
};

export type WorldState = {
  get(address: Uint8Array): AccountRecord | undefined;
  /** The record, to change: its state before the change is journaled first. */
  modify(address: Uint8Array): AccountRecord | undefined;
  create(record: AccountRecord): void;
  storageRead(contract: Uint8Array, key: Uint8Array): Uint8Array | undefined;
  /** Sets (or, with undefined, deletes) a key of a contract's storage. */
  storageWrite(contract: Uint8Array, key: Uint8Array, value: Uint8Array | undefined): void;
  code(codeHash: Uint8Array): Uint8Array | undefined;
  addCode(codeHash: Uint8Array, code: Uint8Array): void;
  /** The household a meter id is registered to, if any. */
  meterOwner(meterId: string): AccountRecord | undefined;
  /** Records that `household` now holds meter `meterId` (its record already lists it). */
  indexMeter(meterId: string, household: Uint8Array): void;
  /** Starts journaling a transaction's changes. */
  begin(): void;
  /** Keeps the transaction's changes. */
  keep(): void;
  /** Undoes every change since `begin`. */
  undo(): void;
  /** What changed since the last `takeChanges`, and forgets it. */
  takeChanges(): StateChanges;
  size(): number;
};

/** The inner map of `outer` under `key`, created when missing. */
function entryMap<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = outer.get(key);
  if (!inner) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

export function createWorldState(loaded: LoadedState = { accounts: [] }): WorldState {
  const accounts = new Map<string, AccountRecord>();
  const storage = new Map<string, Map<string, Uint8Array>>();
  const codes = new Map(loaded.codes ?? []);
  const meterIndex = new Map<string, string>();
  for (const record of loaded.accounts) {
    accounts.set(toHex(record.address), record);
    for (const id of record.meters.keys()) meterIndex.set(id, toHex(record.address));
  }
  for (const [contract, entries] of loaded.storage ?? []) storage.set(contract, new Map(entries));

  const changed = new Set<string>();
  let changedStorage = new Map<string, Map<string, Uint8Array | undefined>>();
  let newCodes = new Map<string, Uint8Array>();
  type Undo = () => void;
  let journal: { accounts: Map<string, AccountRecord | undefined>; undo: Undo[] } | null = null;

  const touch = (key: string): void => {
    if (journal && !journal.accounts.has(key)) {
      const before = accounts.get(key);
      journal.accounts.set(key, before && cloneAccount(before));
    }
    changed.add(key);
  };
  const index = (record: AccountRecord): void => {
    for (const id of record.meters.keys()) meterIndex.set(id, toHex(record.address));
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
      index(record);
    },
    storageRead: (contract, key) => storage.get(toHex(contract))?.get(toHex(key)),
    storageWrite(contract, key, value) {
      const c = toHex(contract);
      const k = toHex(key);
      if (accounts.has(c)) touch(c); // its storage root changes
      const map = entryMap(storage, c);
      const before = map.get(k);
      const changedBefore = changedStorage.get(c)?.has(k);
      const changedValue = changedStorage.get(c)?.get(k);
      journal?.undo.push(() => {
        if (before === undefined) map.delete(k);
        else map.set(k, before);
        const log = changedStorage.get(c);
        if (changedBefore) log?.set(k, changedValue);
        else log?.delete(k);
      });
      if (value === undefined) map.delete(k);
      else map.set(k, value);
      entryMap(changedStorage, c).set(k, value);
    },
    code: (codeHash) => codes.get(toHex(codeHash)),
    addCode(codeHash, code) {
      const key = toHex(codeHash);
      if (codes.has(key)) return;
      codes.set(key, code);
      newCodes.set(key, code);
      journal?.undo.push(() => {
        codes.delete(key);
        newCodes.delete(key);
      });
    },
    meterOwner(meterId) {
      const owner = meterIndex.get(meterId);
      const record = owner === undefined ? undefined : accounts.get(owner);
      // A registration rolled back leaves a stale index entry: the record decides.
      return record?.meters.has(meterId) ? record : undefined;
    },
    begin() {
      if (journal) throw new Error('a transaction is already being journaled');
      journal = { accounts: new Map(), undo: [] };
    },
    indexMeter(meterId, household) {
      meterIndex.set(meterId, toHex(household));
    },
    keep() {
      journal = null;
    },
    undo() {
      if (!journal) return;
      for (const [key, before] of journal.accounts) {
        if (before) accounts.set(key, before);
        else accounts.delete(key);
      }
      for (const step of journal.undo.reverse()) step();
      journal = null;
    },
    takeChanges() {
      const records = [...changed].flatMap((key) => accounts.get(key) ?? []);
      changed.clear();
      const result = { accounts: records, storage: changedStorage, codes: newCodes };
      changedStorage = new Map();
      newCodes = new Map();
      return result;
    },
    size: () => accounts.size,
  };
}
