// The state's side of account.db: every account record in the state trie, keyed by the chain
// hash of its address; each contract's storage in a trie of its own (under CONTRACT_STORAGE ||
// address), whose root its account record holds; contract code by hash. Staging a block's
// changes gives the state root for its header; persisting stores the new code, every changed
// storage trie and the state trie with that height in one atomic batch.
import { hash } from '../../assembly/bindings/crypto.ts';
import type { HashAlgorithm } from '../../assembly/bindings/hash-kernel.ts';
import { createTrie, type KVStore, type Trie } from '../../assembly/bindings/trie/index.ts';
import { decodeAccount, encodeAccount, toHex } from '../ledger/account-record.ts';
import type { LoadedState, StateChanges } from '../ledger/world-state.ts';
import { groupedKV, prefixedKV } from '../store/kv-views.ts';
import { Bucket, key } from './buckets.ts';

export type StateStore = {
  /** The height and root account.db holds, or null before the genesis state is persisted. */
  head(): Promise<{ height: bigint; root: Uint8Array } | null>;
  /** The whole current state: accounts, contract storage and code. */
  load(): Promise<Required<LoadedState>>;
  /** Writes the changes into the tries (in memory) and returns the new state root. */
  stage(changes: StateChanges): Promise<Uint8Array>;
  /** Stores what was staged as the state after block `height`. */
  persist(height: bigint): Promise<Uint8Array>;
  /** Forgets what was staged since the last persist (a proposal that was not committed). */
  discard(): Promise<void>;
  close(): Promise<void>;
};

const fromHex = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));

export function createStateStore(options: { hash: HashAlgorithm; db: KVStore }): StateStore {
  const db = groupedKV(options.db);
  let trie: Trie = createTrie({ hash: options.hash, db });
  const storageTries = new Map<string, Trie>();
  const dirtyStorage = new Set<string>();
  let pendingCodes = new Map<string, Uint8Array>();
  const keyOf = (address: Uint8Array) => hash(options.hash, address);

  const storageTrie = (contractHex: string, root: Uint8Array): Trie => {
    let opened = storageTries.get(contractHex);
    if (!opened) {
      const space = prefixedKV(db, key(Bucket.CONTRACT_STORAGE, fromHex(contractHex)));
      opened = createTrie({ hash: options.hash, db: space, ...(root.length ? { root } : {}) });
      storageTries.set(contractHex, opened);
    }
    return opened;
  };

  return {
    async head() {
      const head = await trie.head();
      return head && { height: BigInt(head.height), root: head.root };
    },
    async load() {
      const loaded = {
        accounts: [] as ReturnType<typeof decodeAccount>[],
        storage: new Map<string, Map<string, Uint8Array>>(),
        codes: new Map<string, Uint8Array>(),
      };
      for await (const [, value] of trie.entries()) {
        const record = decodeAccount(value);
        loaded.accounts.push(record);
        if (record.codeHash.length === 0) continue;
        const code = await db.get(key(Bucket.CONTRACT_CODE, record.codeHash));
        if (!code) throw new Error(`account.db lacks the code ${toHex(record.codeHash)}`);
        loaded.codes.set(toHex(record.codeHash), code);
        const entries = new Map<string, Uint8Array>();
        for await (const [k, v] of storageTrie(toHex(record.address), record.storageRoot).entries())
          entries.set(toHex(k), v);
        loaded.storage.set(toHex(record.address), entries);
      }
      return loaded;
    },
    async stage(changes) {
      const records = new Map(changes.accounts.map((r) => [toHex(r.address), r]));
      for (const [contract, entries] of changes.storage) {
        const record = records.get(contract);
        if (!record) throw new Error(`storage of ${contract} changed but its account did not`);
        const tried = storageTrie(contract, record.storageRoot);
        await tried.batch(
          [...entries].map(([k, v]) =>
            v === undefined
              ? { type: 'del' as const, key: fromHex(k) }
              : { type: 'put' as const, key: fromHex(k), value: v },
          ),
        );
        record.storageRoot = await tried.root();
        dirtyStorage.add(contract);
      }
      for (const [codeHash, code] of changes.codes) pendingCodes.set(codeHash, code);
      await trie.batch(
        changes.accounts.map((record) => ({
          type: 'put' as const,
          key: keyOf(record.address),
          value: encodeAccount(record),
        })),
      );
      return trie.root();
    },
    async persist(height) {
      db.begin();
      await db.batch(
        [...pendingCodes].map(([codeHash, code]) => ({
          type: 'put' as const,
          key: key(Bucket.CONTRACT_CODE, fromHex(codeHash)),
          value: code,
        })),
      );
      for (const contract of dirtyStorage)
        await storageTries.get(contract)?.persist(Number(height));
      const root = await trie.persist(Number(height));
      await db.flush();
      pendingCodes = new Map();
      dirtyStorage.clear();
      return root;
    },
    async discard() {
      for (const opened of storageTries.values()) await opened.close();
      storageTries.clear();
      dirtyStorage.clear();
      pendingCodes = new Map();
      await trie.close();
      trie = createTrie({ hash: options.hash, db });
    },
    async close() {
      for (const opened of storageTries.values()) await opened.close();
      await trie.close();
    },
  };
}
