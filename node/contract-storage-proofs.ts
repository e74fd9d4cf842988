// Storage proofs for the light client's `storage-proof` protocol (node/sync/light-handlers.ts):
// the contract's account and its proof against the state root of a persisted height (the API's
// state reader), then the key's value and its proof in the contract's own storage trie, opened
// read-only at the storage root that account names (account.db under CONTRACT_STORAGE ||
// address). Storage keys are the contract's raw keys, as node/chain/state-store.ts inserts them.
import type { HashAlgorithm } from '../assembly/bindings/crypto.ts';
import { createTrie, type KVStore } from '../assembly/bindings/trie/index.ts';
import { pvchain } from '../proto/index.ts';
import type { StateReader } from './api/state-reader.ts';
import { Bucket, key as bucketKey } from './chain/buckets.ts';
import { decodeAccount } from './ledger/account-record.ts';
import { prefixedKV } from './store/kv-views.ts';
import type { StorageProofAnswer } from './sync/light-handlers.ts';

/** Cache of one short-lived storage trie: a proof reads a few dozen nodes at most. */
const STORAGE_TRIE_CACHE_BYTES = 1024 * 1024;

export function createStorageProver(
  opts: { hash: HashAlgorithm },
  c: { db: KVStore; state: Pick<StateReader, 'proof'> },
) {
  /** `key` of `contract`'s storage at `height` (undefined: the latest persisted one). */
  return async function storageProof(
    contract: Uint8Array,
    key: Uint8Array,
    height: bigint | undefined,
  ): Promise<StorageProofAnswer> {
    const found = await c.state.proof(contract, height);
    const answer = {
      height: found.height,
      account: found.value ?? undefined,
      accountProof: found.proof,
      value: undefined,
      storageProof: [],
    };
    const record = found.value ? decodeAccount(found.value) : undefined;
    if (
      record?.role !== pvchain.v1.AccountRole.ACCOUNT_ROLE_CONTRACT ||
      record.storageRoot.length === 0
    )
      return answer;
    const trie = createTrie({
      hash: opts.hash,
      db: prefixedKV(c.db, bucketKey(Bucket.CONTRACT_STORAGE, contract)),
      root: record.storageRoot,
      cacheBytes: STORAGE_TRIE_CACHE_BYTES,
    });
    try {
      const value = await trie.get(key);
      return { ...answer, value: value ?? undefined, storageProof: await trie.createProof(key) };
    } finally {
      await trie.close();
    }
  };
}
