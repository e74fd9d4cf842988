// ledger.db: blocks with their commit certificates, receipts, the indexes by block hash, by
// transaction hash and by address, and the validator sets headers name. It is the node's source
// of truth: a block is committed when its one atomic, synchronous batch is on disk, and state is
// re-derived from here after a crash (docs/adr/0008-storage-and-recovery.md).
import { Level } from 'level';
import { Bucket, key, LedgerMeta, readU32be, readU64be, u32be, u64be, utf8 } from './buckets.ts';

export type AppendedBlock = {
  height: bigint;
  blockHash: Uint8Array;
  /** The canonical CommittedBlock (block + its commit certificate). */
  committedBlock: Uint8Array;
  /** Per transaction, in block order: its hash and the addresses it touches (source first). */
  transactions: { hash: Uint8Array; addresses: Uint8Array[] }[];
  /** The canonical Receipt of each transaction, in block order. */
  receipts: Uint8Array[];
  /** Validator sets the header names that ledger.db may not hold yet: hash -> canonical set. */
  validatorSets?: { hash: Uint8Array; encoded: Uint8Array }[];
};

export type TransactionLocation = { height: bigint; index: number };

export class LedgerStoreError extends Error {
  readonly code: 'STORE_WRONG_CHAIN' | 'STORE_HEIGHT_GAP';
  constructor(code: LedgerStoreError['code'], message: string) {
    super(`${code}: ${message}`);
    this.name = 'LedgerStoreError';
    this.code = code;
  }
}

const meta = (name: string) => key(Bucket.LEDGER_META, utf8(name));
const EMPTY = new Uint8Array(0);

/** LevelDB hands back Buffers; callers get plain Uint8Array views of the same memory. */
const plain = (value: Uint8Array | undefined): Uint8Array | undefined =>
  value && new Uint8Array(value.buffer, value.byteOffset, value.byteLength);

export type LedgerStore = Awaited<ReturnType<typeof openLedgerStore>>;

/** Opens (or creates) ledger.db at `path` for chain `chainId`. */
export async function openLedgerStore(path: string, chainId: string) {
  const db = new Level<Uint8Array, Uint8Array>(path, {
    keyEncoding: 'view',
    valueEncoding: 'view',
  });
  await db.open();
  const storedChain = await db.get(meta(LedgerMeta.CHAIN_ID));
  if (storedChain === undefined)
    await db.put(meta(LedgerMeta.CHAIN_ID), utf8(chainId), { sync: true });
  else if (new TextDecoder().decode(storedChain) !== chainId) {
    await db.close();
    throw new LedgerStoreError(
      'STORE_WRONG_CHAIN',
      `${path} holds chain ${new TextDecoder().decode(storedChain)}, not ${chainId}`,
    );
  }
  const headBytes = await db.get(meta(LedgerMeta.HEAD_HEIGHT));
  /** -1 while the store is empty; the genesis block is height 0. */
  let head = headBytes === undefined ? -1n : readU64be(headBytes);

  return {
    head: (): bigint => head,

    /** Appends the next block in one synchronous batch: all of it is stored, or none. */
    async append(block: AppendedBlock): Promise<void> {
      if (block.height !== head + 1n) {
        throw new LedgerStoreError(
          'STORE_HEIGHT_GAP',
          `block ${block.height} does not follow head ${head}`,
        );
      }
      const height = u64be(block.height);
      const batch = db.batch();
      batch.put(key(Bucket.BLOCK_BY_HEIGHT, height), block.committedBlock);
      batch.put(key(Bucket.HEIGHT_BY_BLOCK_HASH, block.blockHash), height);
      block.transactions.forEach(({ hash, addresses }, i) => {
        const index = u32be(i);
        batch.put(key(Bucket.TRANSACTION_LOCATION, hash), key(0, height, index).subarray(1));
        for (const address of new Set(addresses.map((a) => Buffer.from(a).toString('hex')))) {
          batch.put(
            key(Bucket.ADDRESS_TRANSACTION, Buffer.from(address, 'hex'), height, index),
            EMPTY,
          );
        }
      });
      block.receipts.forEach((receipt, i) => {
        batch.put(key(Bucket.RECEIPT, height, u32be(i)), receipt);
      });
      for (const set of block.validatorSets ?? [])
        batch.put(key(Bucket.VALIDATOR_SET_BY_HASH, set.hash), set.encoded);
      batch.put(meta(LedgerMeta.HEAD_HEIGHT), height);
      await batch.write({ sync: true });
      head = block.height;
    },

    blockAt: async (height: bigint): Promise<Uint8Array | undefined> =>
      plain(await db.get(key(Bucket.BLOCK_BY_HEIGHT, u64be(height)))),

    async heightOf(blockHash: Uint8Array): Promise<bigint | undefined> {
      const height = await db.get(key(Bucket.HEIGHT_BY_BLOCK_HASH, blockHash));
      return height && readU64be(height);
    },

    async locate(transactionHash: Uint8Array): Promise<TransactionLocation | undefined> {
      const location = await db.get(key(Bucket.TRANSACTION_LOCATION, transactionHash));
      return location && { height: readU64be(location), index: readU32be(location, 8) };
    },

    /** A validator set a stored header names, by its hash (canonical ValidatorSet). */
    validatorSet: async (hash: Uint8Array): Promise<Uint8Array | undefined> =>
      plain(await db.get(key(Bucket.VALIDATOR_SET_BY_HASH, hash))),

    receipt: async (location: TransactionLocation): Promise<Uint8Array | undefined> =>
      plain(await db.get(key(Bucket.RECEIPT, u64be(location.height), u32be(location.index)))),

    /** The transactions touching `address`, newest first, `limit` at most, below `before` if given. */
    async transactionsOf(
      address: Uint8Array,
      page: { limit: number; before?: TransactionLocation },
    ): Promise<TransactionLocation[]> {
      const prefix = key(Bucket.ADDRESS_TRANSACTION, address);
      const upper = page.before
        ? key(
            Bucket.ADDRESS_TRANSACTION,
            address,
            u64be(page.before.height),
            u32be(page.before.index),
          )
        : key(Bucket.ADDRESS_TRANSACTION, address, new Uint8Array(12).fill(0xff));
      const found: TransactionLocation[] = [];
      for await (const k of db.keys({ gte: prefix, lt: upper, reverse: true, limit: page.limit })) {
        found.push({ height: readU64be(k, prefix.length), index: readU32be(k, prefix.length + 8) });
      }
      return found;
    },

    close: (): Promise<void> => db.close(),
  };
}
