// The accounts' side of account.db: every account record in the state trie, keyed by the chain
// hash of its address. Staging a block's changed records gives the state root for its header;
// persisting stores the trie's new nodes with that height and root in one atomic batch.
import { hash } from '../../assembly/bindings/crypto.ts';
import type { HashAlgorithm } from '../../assembly/bindings/hash-kernel.ts';
import { createTrie, type KVStore, type Trie } from '../../assembly/bindings/trie/index.ts';
import { type AccountRecord, decodeAccount, encodeAccount } from '../ledger/account-record.ts';

export type StateStore = {
  /** The height and root account.db holds, or null before the genesis state is persisted. */
  head(): Promise<{ height: bigint; root: Uint8Array } | null>;
  /** Every account record of the current state. */
  loadAccounts(): Promise<AccountRecord[]>;
  /** Writes the changed records into the trie (in memory) and returns the new state root. */
  stage(changed: readonly AccountRecord[]): Promise<Uint8Array>;
  /** Stores what was staged as the state after block `height`. */
  persist(height: bigint): Promise<Uint8Array>;
  close(): Promise<void>;
};

export function createStateStore(options: { hash: HashAlgorithm; db: KVStore }): StateStore {
  const trie: Trie = createTrie({ hash: options.hash, db: options.db });
  const keyOf = (address: Uint8Array) => hash(options.hash, address);
  return {
    async head() {
      const head = await trie.head();
      return head && { height: BigInt(head.height), root: head.root };
    },
    async loadAccounts() {
      const accounts: AccountRecord[] = [];
      for await (const [, value] of trie.entries()) accounts.push(decodeAccount(value));
      return accounts;
    },
    async stage(changed) {
      await trie.batch(
        changed.map((record) => ({
          type: 'put' as const,
          key: keyOf(record.address),
          value: encodeAccount(record),
        })),
      );
      return trie.root();
    },
    persist: (height) => trie.persist(Number(height)),
    close: () => trie.close(),
  };
}
