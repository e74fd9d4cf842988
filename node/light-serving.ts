// What a full node gives the light client's protocols (node/sync/light-handlers.ts): ledger.db,
// account proofs read from account.db at persisted heights (the API's state reader: its own
// read-only trie), contract storage proofs (contract-storage-proofs.ts), and submission through the node's pool. Wiring glue for node.ts.

import type { HashAlgorithm } from '../assembly/bindings/crypto.ts';
import type { KVStore } from '../assembly/bindings/trie/index.ts';
import { ApiError, ApiErrorCode } from './api/index.ts';
import { createStateReader } from './api/state-reader.ts';
import type { LedgerStore } from './chain/ledger-store.ts';
import { createStorageProver } from './contract-storage-proofs.ts';
import { resultCodeOf } from './mempool/admission-error.ts';
import type { Admission } from './mempool/mempool.ts';
import { createLightHandlers } from './sync/light-handlers.ts';

/** What `read` gives, or null when the state of its height is no longer (or not yet) kept. */
async function unlessGone<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ApiError && error.code === ApiErrorCode.HEIGHT_UNAVAILABLE) return null;
    throw error;
  }
}

export function lightHandlersFor(
  opts: { hash: HashAlgorithm },
  c: {
    ledger: LedgerStore;
    accountDb: KVStore;
    stateHead(): Promise<{ height: bigint; root: Uint8Array } | null>;
    submit(envelopes: Uint8Array[]): Promise<Admission[]>;
  },
) {
  const state = createStateReader(opts, { db: c.accountDb, head: c.stateHead });
  const storageProof = createStorageProver(opts, { db: c.accountDb, state });
  return createLightHandlers({
    ledger: c.ledger,
    async accountProof(address, height) {
      return unlessGone(async () => {
        const found = await state.proof(address, height);
        return { height: found.height, account: found.value ?? undefined, proof: found.proof };
      });
    },
    storageProof: (contract, key, height) => unlessGone(() => storageProof(contract, key, height)),
    async submit(envelope) {
      const [answer] = await c.submit([envelope]);
      if (!answer) throw new Error('the pool gave no answer');
      return answer.ok
        ? { ok: true, hash: answer.hash }
        : { ok: false, result: resultCodeOf(answer.code), message: answer.message };
    },
  });
}
