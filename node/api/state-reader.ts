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

  const unknownHeight = (error: unknown): boolean =>
    error instanceof TrieStoreError && error.code === TrieStoreErrorCode.UNKNOWN_HEIGHT;

  /** Runs a read at `height`, turning a height the trie no longer keeps into an API error. */
  async function at<T>(height: bigint, read: (h: { height: number }) => Promise<T>): Promise<T> {
    try {
      return await read({ height: Number(height) });
    } catch (error) {
      if (unknownHeight(error))
        throw new ApiError(
          ApiErrorCode.HEIGHT_UNAVAILABLE,
          `the state of height ${height} is not kept (the last 128 heights are)`,
        );
      throw error;
    }
  }

  /**
   * Runs a read at the latest persisted height. The store reports a new head a moment before its
   * batch is on disk: then the height before it is the latest readable one.
   */
  async function latest<T>(read: (h: { height: number }) => Promise<T>): Promise<[bigint, T]> {
    const height = await headHeight();
    try {
      return [height, await read({ height: Number(height) })];
    } catch (error) {
      if (!unknownHeight(error) || height === 0n) throw error;
      return [height - 1n, await at(height - 1n, read)];
    }
  }

  return {
    headHeight,

    /** The account at the latest persisted height, or undefined. */
    async account(address: Uint8Array): Promise<{ height: bigint; record?: AccountRecord }> {
      const [height, value] = await latest((h) => trie.get(keyOf(address), h));
      return { height, record: value ? decodeAccount(value) : undefined };
    },

    /** The account's proof at `height` (default: the latest persisted one). */
    async proof(address: Uint8Array, requested?: bigint) {
      const key = keyOf(address);
      const head = await headHeight();
      if (requested !== undefined && requested > head)
        throw new ApiError(ApiErrorCode.HEIGHT_UNAVAILABLE, `height ${requested} is above ${head}`);
      const [height, root] =
        requested === undefined
          ? await latest(async (h) => {
              const found = await trie.rootAt(h.height);
              if (!found) throw new TrieStoreError(TrieStoreErrorCode.UNKNOWN_HEIGHT, 'not yet', h);
              return found;
            })
          : [requested, await trie.rootAt(Number(requested))];
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
      const [height, gridValue] = await latest((h) => trie.get(keyOf(grid), h));
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
