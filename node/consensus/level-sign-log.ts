// The sign log on LevelDB: keyvalue.db, bucket CONSENSUS_SIGN_LOG. Each record is one synced put
// (fsync) that resolves before the engine signs, so a crash at any instant leaves either no
// signature or its record. Entries are also held in memory: the conflict check never waits for
// the disk, and a second record of one (kind, height, view) is refused even while the first is
// being written.
import { Level } from 'level';
import { Bucket, key, readU32be, readU64be, u32be, u64be } from '../chain/buckets.ts';
import {
  checkRecord,
  copyEntry,
  prunable,
  SIGN_KINDS,
  type SignLog,
  type SignLogEntry,
  signLogKey,
} from './sign-log.ts';

/** What the sign log needs of a LevelDB handle (a `Level<Uint8Array, Uint8Array>` has it). */
export type SignLogDb = {
  put(key: Uint8Array, value: Uint8Array, options: { sync: boolean }): Promise<void>;
  batch(operations: { type: 'del'; key: Uint8Array }[], options: { sync: boolean }): Promise<void>;
  iterator(range: { gte: Uint8Array; lt: Uint8Array }): AsyncIterable<[Uint8Array, Uint8Array]>;
};

const VERSION = 1;

function entryKey(entry: SignLogEntry): Uint8Array {
  return key(
    Bucket.CONSENSUS_SIGN_LOG,
    new Uint8Array([SIGN_KINDS.indexOf(entry.kind)]),
    u64be(entry.height),
    u64be(entry.view),
  );
}

/** version (1) || digest length (1) || digest || body length (4) || body || proof length (4) || proof. */
export function encodeSignLogValue(entry: SignLogEntry): Uint8Array {
  const proof = entry.proof ?? new Uint8Array(0);
  return key(
    VERSION,
    new Uint8Array([entry.digest.length]),
    entry.digest,
    u32be(entry.body.length),
    entry.body,
    u32be(proof.length),
    proof,
  );
}

export function decodeSignLogRecord(k: Uint8Array, value: Uint8Array): SignLogEntry {
  const kind = SIGN_KINDS[k[1] ?? 255];
  if (k.length !== 18 || k[0] !== Bucket.CONSENSUS_SIGN_LOG || !kind || value[0] !== VERSION)
    throw new RangeError('not a sign log record');
  let offset = 1;
  const take = (length: number): Uint8Array => {
    if (offset + length > value.length) throw new RangeError('truncated sign log record');
    const out = new Uint8Array(value.subarray(offset, offset + length)); // a copy, never a Buffer
    offset += length;
    return out;
  };
  const digest = take(take(1)[0] ?? 0);
  const body = take(readU32be(take(4)));
  const proof = take(readU32be(take(4)));
  if (offset !== value.length) throw new RangeError('trailing bytes in a sign log record');
  return {
    kind,
    height: readU64be(k, 2),
    view: readU64be(k, 10),
    digest,
    body,
    ...(proof.length > 0 ? { proof } : {}),
  };
}

/** The sign log on an open keyvalue.db handle (the caller owns and closes it). */
export async function createLevelSignLog(db: SignLogDb): Promise<SignLog> {
  const entries = new Map<string, SignLogEntry>();
  const range = {
    gte: key(Bucket.CONSENSUS_SIGN_LOG),
    lt: key(Bucket.CONSENSUS_SIGN_LOG + 1),
  };
  for await (const [k, value] of db.iterator(range)) {
    const entry = decodeSignLogRecord(k, value);
    entries.set(signLogKey(entry), entry);
  }
  return {
    entries: async () => [...entries.values()].map(copyEntry),
    async record(entry) {
      const k = signLogKey(entry);
      const write = checkRecord(entries.get(k), entry);
      if (!write) return;
      entries.set(k, write); // before the disk: a concurrent record of another digest is refused
      await db.put(entryKey(write), encodeSignLogValue(write), { sync: true });
    },
    async prune(below) {
      const gone = [...entries.values()].filter((entry) => prunable(entry, below));
      if (gone.length === 0) return;
      for (const entry of gone) entries.delete(signLogKey(entry));
      await db.batch(
        gone.map((entry) => ({ type: 'del' as const, key: entryKey(entry) })),
        { sync: true },
      );
    },
  };
}

/** Opens keyvalue.db at `path` for the sign log alone (a node that shares the handle uses createLevelSignLog). */
export async function openLevelSignLog(
  path: string,
): Promise<SignLog & { close(): Promise<void> }> {
  const db = new Level<Uint8Array, Uint8Array>(path, {
    keyEncoding: 'view',
    valueEncoding: 'view',
  });
  await db.open();
  const log = await createLevelSignLog(db);
  return { ...log, close: () => db.close() };
}
