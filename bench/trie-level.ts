// bench/trie on LevelDB: inserts per second with the store on disk, by pvchain (a batch and a
// persist per round, then into the trie reopened cold) and by @ethereumjs/mpt (a put per key).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMPT } from '@ethereumjs/mpt';
import { type BatchDBOp, type DB, ValueEncoding } from '@ethereumjs/util';
import { Level } from 'level';
import { createTrie } from '../assembly/bindings/trie/index.ts';
import { openLevelKV } from '../node/store/level-kv.ts';
import { median, printTable } from './measure.ts';
import { entries, INSERT_ROUNDS, KEYS, noble, rate, timed } from './trie-common.ts';

/** Inserts per round for the peer on LevelDB (it writes every put's nodes at once). */
const PEER_LEVEL_INSERTS = 10_000;

/** @ethereumjs/mpt's DB interface over `level`, for the peer's LevelDB figure. */
class PeerLevelDB implements DB<string, string | Uint8Array> {
  readonly #db: Level<string, Uint8Array>;
  constructor(db: Level<string, Uint8Array>) {
    this.#db = db;
  }
  async get(key: string): Promise<Uint8Array | undefined> {
    return (await this.#db.get(key)) ?? undefined;
  }
  async put(key: string, value: string | Uint8Array): Promise<void> {
    await this.#db.put(key, value as Uint8Array);
  }
  async del(key: string): Promise<void> {
    await this.#db.del(key);
  }
  async batch(ops: BatchDBOp<string, string | Uint8Array>[]): Promise<void> {
    await this.#db.batch(
      ops.map((op) =>
        op.type === 'put'
          ? { type: 'put' as const, key: op.key, value: op.value as Uint8Array }
          : { type: 'del' as const, key: op.key },
      ),
    );
  }
  shallowCopy(): DB<string, string | Uint8Array> {
    return new PeerLevelDB(this.#db);
  }
  async open(): Promise<void> {}
}

export async function benchLevel(summary: string[][]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'pvchain-bench-trie-'));
  try {
    const db = await openLevelKV(join(dir, 'account.db'));
    const trie = createTrie({ hash: 'sha256', db });
    const ours: number[] = [];
    for (let round = 0; round < INSERT_ROUNDS; round++) {
      const ops = entries(KEYS).map(({ key, value }) => ({ type: 'put' as const, key, value }));
      const ms = await timed(async () => {
        await trie.batch(ops);
        await trie.persist(round + 1);
      });
      ours.push((KEYS * 1000) / ms);
    }
    const stored = await trie.memoryUsage();
    await trie.close();
    await db.close();
    // A fresh trie on the same store: updates load their paths from LevelDB.
    const cold: number[] = [];
    for (let round = 0; round < INSERT_ROUNDS; round++) {
      const db2 = await openLevelKV(join(dir, 'account.db'));
      const reopened = createTrie({ hash: 'sha256', db: db2 });
      const ops = entries(KEYS / 10).map(({ key, value }) => ({
        type: 'put' as const,
        key,
        value,
      }));
      const ms = await timed(async () => {
        await reopened.batch(ops);
        await reopened.persist(INSERT_ROUNDS + round + 1);
      });
      cold.push((ops.length * 1000) / ms);
      await reopened.close();
      await db2.close();
    }
    const peerRates: number[] = [];
    for (let round = 0; round < INSERT_ROUNDS; round++) {
      const level = new Level<string, Uint8Array>(join(dir, `peer-${round}`), {
        valueEncoding: 'view',
      });
      await level.open();
      const peer = await createMPT({
        db: new PeerLevelDB(level),
        valueEncoding: ValueEncoding.Bytes,
        useKeyHashingFunction: noble,
      });
      const data = entries(PEER_LEVEL_INSERTS);
      const ms = await timed(async () => {
        for (const { key, value } of data) await peer.put(key, value);
      });
      peerRates.push((PEER_LEVEL_INSERTS * 1000) / ms);
      await level.close();
    }
    console.log(`\n### Trie on LevelDB: inserts per second (median of ${INSERT_ROUNDS})\n`);
    printTable(
      ['implementation', 'inserts/s'],
      [
        [
          `pvchain: ${KEYS.toLocaleString('en')} inserts + persist (one synced batch) per round, growing to ${(INSERT_ROUNDS * KEYS).toLocaleString('en')} keys (${Math.round(stored.bytes / 2 ** 20)} MiB of nodes in Wasm)`,
          rate(median(ours)),
        ],
        [
          `pvchain: ${(KEYS / 10).toLocaleString('en')} inserts + persist into the ${(INSERT_ROUNDS * KEYS).toLocaleString('en')}-key trie reopened cold (paths loaded from LevelDB)`,
          rate(median(cold)),
        ],
        [
          `@ethereumjs/mpt put() each (${PEER_LEVEL_INSERTS.toLocaleString('en')} per round, every put written through), SHA-256 @noble/hashes`,
          rate(median(peerRates)),
        ],
      ],
    );
    summary.push([
      'inserts on LevelDB (batch + persist)',
      rate(median(ours)),
      `@ethereumjs/mpt: ${rate(median(peerRates))}`,
      `${(median(ours) / median(peerRates)).toFixed(1)}x`,
      'reported',
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
