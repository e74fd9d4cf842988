// What the API reads from account.db: account records, their Merkle proofs and the households of
// a grid, always at a persisted height (the state of a committed block; a proposal being decided
// is never seen). It opens its own read-only trie on the store; the node's trie writes, this one
// only reads roots that were persisted (the last 128 heights, ADR 0005).
import { type HashAlgorithm, hash } from '../../assembly/bindings/crypto.ts';
import {
  createTrie,
  type KVStore,
  TrieStoreError,
  TrieStoreErrorCode,
} from '../../assembly/bindings/trie/index.ts';
import { pvchain } from '../../proto/index.ts';
import { type AccountRecord, decodeAccount } from '../ledger/account-record.ts';
import { ApiError, ApiErrorCode } from './api-error.ts';

const { AccountRole } = pvchain.v1;

export type StateReaderComponents = {
  /** account.db (shared with the node's state store, which owns and closes it). */
  db: KVStore;
  /** The height and root persisted last. */
  head(): Promise<{ height: bigint; root: Uint8Array } | null>;
};

export type StateReader = ReturnType<typeof createStateReader>;

/** Households of a grid scanned per page at most, so that one request stays short. */
const MAX_SCAN = 20_000;

export function createStateReader(
  opts: { hash: HashAlgorithm },
  components: StateReaderComponents,
) {
  const trie = createTrie({ hash: opts.hash, db: components.db, cacheBytes: 32 * 1024 * 1024 });
  const keyOf = (address: Uint8Array) => hash(opts.hash, address);

  async function headHeight(): Promise<bigint> {
    const head = await components.head();
    if (!head) throw new ApiError(ApiErrorCode.UNAVAILABLE, 'the state is not persisted yet');
    return head.height;
  }

  /** Runs a read at `height`, turning a height the trie no longer keeps into an API error. */
  async function at<T>(height: bigint, read: (h: { height: number }) => Promise<T>): Promise<T> {
    try {
      return await read({ height: Number(height) });
    } catch (error) {
      if (error instanceof TrieStoreError && error.code === TrieStoreErrorCode.UNKNOWN_HEIGHT)
        throw new ApiError(
          ApiErrorCode.HEIGHT_UNAVAILABLE,
          `the state of height ${height} is not kept (the last 128 heights are)`,
        );
      throw error;
    }
  }

  return {
    headHeight,

    /** The account at the latest persisted height, or undefined. */
    async account(address: Uint8Array): Promise<{ height: bigint; record?: AccountRecord }> {
      const height = await headHeight();
      const value = await at(height, (h) => trie.get(keyOf(address), h));
      return { height, record: value ? decodeAccount(value) : undefined };
    },

    /** The account's proof at `height` (default: the latest persisted one). */
    async proof(address: Uint8Array, requested?: bigint) {
      const head = await headHeight();
      const height = requested ?? head;
      if (height > head)
        throw new ApiError(ApiErrorCode.HEIGHT_UNAVAILABLE, `height ${height} is above ${head}`);
      const key = keyOf(address);
      const root = await trie.rootAt(Number(height));
      if (!root)
        throw new ApiError(
          ApiErrorCode.HEIGHT_UNAVAILABLE,
          `the state of height ${height} is not kept (the last 128 heights are)`,
        );
      const proof = await at(height, (h) => trie.createProof(key, h));
      const value = await at(height, (h) => trie.get(key, h));
      return { height, root, key, value, proof };
    },

    /**
     * The households created by `grid`, in the order of their trie keys, `limit` at most, after
     * the trie key `after` (the `next` of the page before).
     */
    async households(grid: Uint8Array, limit: number, after?: Uint8Array) {
      const height = await headHeight();
      const gridValue = await at(height, (h) => trie.get(keyOf(grid), h));
      const gridRecord = gridValue && decodeAccount(gridValue);
      if (!gridRecord || gridRecord.role !== AccountRole.ACCOUNT_ROLE_GRID)
        throw new ApiError(ApiErrorCode.GRID_NOT_FOUND, 'no grid account has this address');
      const items: AccountRecord[] = [];
      let lastKey: Uint8Array | undefined;
      let scanned = 0;
      let more = false;
      const gte = after ? nextKey(after) : undefined;
      if (gte === null) return { height, items, next: null };
      for await (const [k, v] of trie.entries({
        ...(gte ? { gte } : {}),
        height: Number(height),
      })) {
        if (items.length === limit || scanned === MAX_SCAN) {
          more = true;
          break;
        }
        scanned++;
        lastKey = k;
        const record = decodeAccount(v);
        if (
          record.role === AccountRole.ACCOUNT_ROLE_HOUSEHOLD &&
          Buffer.compare(record.creator, grid) === 0
        )
          items.push(record);
      }
      return { height, items, next: more && lastKey ? Buffer.from(lastKey).toString('hex') : null };
    },

    close: () => trie.close(),
  };
}

/** The smallest key of the same length after `key`, or null after the last one. */
function nextKey(key: Uint8Array): Uint8Array | null {
  const out = key.slice();
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== 0xff) {
      out[i] = (out[i] as number) + 1;
      return out;
    }
    out[i] = 0;
  }
  return null;
}
