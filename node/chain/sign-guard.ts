// keyvalue.db's record of the last commit vote this validator signed. It is written, synchronously,
// before the signature is used, so that across any crash the validator never signs two different
// blocks for one height and view (DESIGN.md, consensus). A solo validator that crashed after
// signing a block it never stored signs the new block of that height in the next view.
import { Level } from 'level';
import { Bucket, key, readU64be, u64be } from './buckets.ts';

export type SignedVote = { height: bigint; view: bigint; blockHash: Uint8Array };

const RECORD = key(Bucket.LAST_SIGNED_VOTE);

export type SignGuard = Awaited<ReturnType<typeof openSignGuard>>;

export async function openSignGuard(path: string) {
  const db = new Level<Uint8Array, Uint8Array>(path, {
    keyEncoding: 'view',
    valueEncoding: 'view',
  });
  await db.open();
  const stored = await db.get(RECORD);
  let last: SignedVote | null = stored
    ? {
        height: readU64be(stored, 0),
        view: readU64be(stored, 8),
        blockHash: new Uint8Array(stored.subarray(16)),
      }
    : null;

  return {
    last: (): SignedVote | null => last,
    /**
     * The view in which to vote for `blockHash` at `height`, recorded before the caller signs: the
     * same view for the same block, the next view for a different block at a signed height.
     */
    async reserve(height: bigint, blockHash: Uint8Array): Promise<bigint> {
      if (last && height < last.height)
        throw new RangeError(`height ${height} is below the last signed ${last.height}`);
      let view = 0n;
      if (last && last.height === height) {
        if (Buffer.compare(last.blockHash, blockHash) === 0) return last.view;
        view = last.view + 1n;
      }
      const record = new Uint8Array(16 + blockHash.length);
      record.set(u64be(height), 0);
      record.set(u64be(view), 8);
      record.set(blockHash, 16);
      await db.put(RECORD, record, { sync: true });
      last = { height, view, blockHash: blockHash.slice() };
      return view;
    },
    close: (): Promise<void> => db.close(),
  };
}
