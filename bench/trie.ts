// bench/trie: pvchain's state trie beside @ethereumjs/mpt (byte storage, SHA-256, in memory), in
// the same run, rounds interleaved: 100,000 random 32-byte keys with 40-byte values inserted and
// the root computed; proofs created and verified per second; inserts per second on LevelDB.
//
// The peer's SHA-256 is @noble/hashes' (the hashing library @ethereumjs/mpt itself is built on);
// a second peer configuration with node:crypto's SHA-256 (OpenSSL) is shown beside it.
import { hash as opensslHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMerkleProof,
  createMPT,
  type MerklePatriciaTrie,
  verifyMerkleProof,
} from '@ethereumjs/mpt';
import { type BatchDBOp, type DB, ValueEncoding } from '@ethereumjs/util';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { Level } from 'level';
import { createTrie, type Trie, verifyProof } from '../assembly/bindings/trie/index.ts';
import { openLevelKV } from '../node/store/level-kv.ts';
import { type BenchOptions, median, printTable } from './measure.ts';

const KEYS = 100_000;
const VALUE_BYTES = 40;
/** Rounds of the 100,000-insert figure (the peer needs over 10 s per round). */
const INSERT_ROUNDS = 3;
/** Inserts per round for the peer on LevelDB (it writes every put's nodes at once). */
const PEER_LEVEL_INSERTS = 10_000;
const PROOF_KEYS = 2000;

type Entry = { key: Uint8Array; value: Uint8Array };
type Hash = (data: Uint8Array) => Uint8Array;

const noble: Hash = nobleSha256;
const openssl: Hash = (data) => opensslHash('sha256', data, 'buffer');

function entries(count: number): Entry[] {
  return Array.from({ length: count }, () => ({
    key: new Uint8Array(randomBytes(32)),
    value: new Uint8Array(randomBytes(VALUE_BYTES)),
  }));
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const rate = (perSecond: number): string =>
  perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)} M/s` : `${(perSecond / 1e3).toFixed(1)} k/s`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

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

type AsyncSubject = { name: string; units: number; run: () => unknown };

/** Median units per second, rounds interleaved (measure.ts does the same for sync subjects). */
async function measureAsync(
  subjects: AsyncSubject[],
  options: BenchOptions,
): Promise<Map<string, number>> {
  const once = async (subject: AsyncSubject, calls: number): Promise<number> => {
    const started = performance.now();
    for (let i = 0; i < calls; i++) {
      const result = subject.run();
      if (result instanceof Promise) await result;
    }
    return performance.now() - started;
  };
  const calls: number[] = [];
  for (const subject of subjects) {
    let n = 1;
    for (;;) {
      const elapsed = await once(subject, n);
      if (elapsed > options.roundMs / 4) {
        calls.push(Math.max(1, Math.round((n * options.roundMs) / elapsed)));
        break;
      }
      n *= 4;
    }
  }
  const samples = subjects.map(() => [] as number[]);
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, subject] of subjects.entries()) {
      const n = calls[i] as number;
      samples[i]?.push((n * subject.units * 1000) / (await once(subject, n)));
    }
  }
  return new Map(subjects.map((subject, i) => [subject.name, median(samples[i] as number[])]));
}

async function benchInserts(data: Entry[], summary: string[][]): Promise<void> {
  const ops = data.map(({ key, value }) => ({ type: 'put' as const, key, value }));
  const names = {
    batch: 'pvchain batch() + root()',
    puts: 'pvchain put() each + root()',
    peer: '@ethereumjs/mpt put() each + root(), SHA-256 @noble/hashes',
    peerOpenssl: '@ethereumjs/mpt put() each + root(), SHA-256 node:crypto (1 round)',
  };
  const times = new Map<string, number[]>(Object.values(names).map((name) => [name, []]));
  const roots = new Set<string>();
  for (let round = 0; round < INSERT_ROUNDS; round++) {
    let trie: Trie = createTrie({ hash: 'sha256' });
    await trie.root();
    times.get(names.batch)?.push(
      await timed(async () => {
        await trie.batch(ops);
        roots.add(hex(await trie.root()));
      }),
    );
    await trie.close();
    trie = createTrie({ hash: 'sha256' });
    await trie.root();
    times.get(names.puts)?.push(
      await timed(async () => {
        for (const { key, value } of data) await trie.put(key, value);
        roots.add(hex(await trie.root()));
      }),
    );
    await trie.close();
    const peerConfigs: [string, Hash][] = [[names.peer, noble]];
    if (round === 0) peerConfigs.push([names.peerOpenssl, openssl]);
    for (const [name, hash] of peerConfigs) {
      const peer = await createMPT({ useKeyHashingFunction: hash });
      times.get(name)?.push(
        await timed(async () => {
          for (const { key, value } of data) await peer.put(key, value);
          roots.add(hex(peer.root()));
        }),
      );
    }
  }
  if (roots.size !== 1) throw new Error(`the tries disagree on the root: ${[...roots].join(', ')}`);
  const medians = new Map([...times].map(([name, list]) => [name, median(list)]));
  const peerMs = medians.get(names.peer) as number;
  console.log(
    `\n### Trie: ${KEYS.toLocaleString('en')} random 32-byte keys, ${VALUE_BYTES}-byte values, inserted and root computed (in memory, median of ${INSERT_ROUNDS})\n`,
  );
  printTable(
    ['implementation', 'time', 'inserts/s', `vs ${names.peer}`],
    [...medians].map(([name, ms]) => [
      name,
      seconds(ms),
      rate((KEYS * 1000) / ms),
      `${(peerMs / ms).toFixed(1)}x`,
    ]),
  );
  const ours = medians.get(names.batch) as number;
  const ratio = peerMs / ours;
  summary.push([
    '100k inserts + root, in memory (batch)',
    `${seconds(ours)} (${rate((KEYS * 1000) / ours)})`,
    `@ethereumjs/mpt: ${seconds(peerMs)} (${rate((KEYS * 1000) / peerMs)})`,
    `${ratio.toFixed(1)}x`,
    `>= 10x ${ratio >= 10 ? 'met' : 'MISSED'}; <= 0.3 s ${ours <= 300 ? 'met' : 'MISSED'}`,
  ]);
  const puts = medians.get(names.puts) as number;
  summary.push([
    '100k inserts + root, in memory (put each)',
    `${seconds(puts)} (${rate((KEYS * 1000) / puts)})`,
    `@ethereumjs/mpt: ${seconds(peerMs)}`,
    `${(peerMs / puts).toFixed(1)}x`,
    `>= 10x ${peerMs / puts >= 10 ? 'met' : 'MISSED'}`,
  ]);
}

async function benchProofs(
  data: Entry[],
  options: BenchOptions,
  summary: string[][],
): Promise<void> {
  const trie = createTrie({ hash: 'sha256' });
  await trie.batch(data.map(({ key, value }) => ({ type: 'put' as const, key, value })));
  const root = await trie.root();
  const peers: [string, MerklePatriciaTrie, Hash][] = [];
  for (const [label, hash] of [
    ['SHA-256 @noble/hashes', noble],
    ['SHA-256 node:crypto', openssl],
  ] as const) {
    const peer = await createMPT({ useKeyHashingFunction: hash });
    await peer.batch(data.map(({ key, value }) => ({ type: 'put' as const, key, value })));
    if (hex(peer.root()) !== hex(root)) throw new Error('peer root differs');
    peers.push([`@ethereumjs/mpt, ${label}`, peer, hash]);
  }
  const keys = data.slice(0, PROOF_KEYS).map(({ key }) => key);
  const proofs = await Promise.all(keys.map((key) => trie.createProof(key)));
  for (const [i, key] of keys.entries()) {
    const value = verifyProof(root, key, proofs[i] as Uint8Array[], { hash: 'sha256' });
    const peerValue = await verifyMerkleProof(key, proofs[i] as Uint8Array[], {
      root,
      useKeyHashingFunction: noble,
    });
    if (hex(value ?? new Uint8Array()) !== hex(peerValue ?? new Uint8Array())) {
      throw new Error('verifiers disagree');
    }
  }
  let c = 0;
  let v = 0;
  const nextKey = (): Uint8Array => {
    c = (c + 1) % PROOF_KEYS;
    return keys[c] as Uint8Array;
  };
  const creating: AsyncSubject[] = [
    {
      name: 'pvchain createProof',
      units: 1,
      run: () => trie.createProof(nextKey()),
    },
    ...peers.map(([name, peer]) => ({
      name,
      units: 1,
      run: () => createMerkleProof(peer, nextKey()),
    })),
  ];
  const verifying: AsyncSubject[] = [
    {
      name: 'pvchain verifyProof',
      units: 1,
      run: () => {
        v = (v + 1) % PROOF_KEYS;
        return verifyProof(root, keys[v] as Uint8Array, proofs[v] as Uint8Array[], {
          hash: 'sha256',
        });
      },
    },
    ...peers.map(([name, , hash]) => ({
      name,
      units: 1,
      run: () => {
        v = (v + 1) % PROOF_KEYS;
        return verifyMerkleProof(keys[v] as Uint8Array, proofs[v] as Uint8Array[], {
          root,
          useKeyHashingFunction: hash,
        });
      },
    })),
  ];
  const created = await measureAsync(creating, options);
  const verified = await measureAsync(verifying, options);
  console.log(
    `\n### Trie proofs: random keys of a ${KEYS.toLocaleString('en')}-key trie (SHA-256, in memory)\n`,
  );
  const ourCreate = created.get('pvchain createProof') as number;
  const ourVerify = verified.get('pvchain verifyProof') as number;
  printTable(
    ['implementation', 'proofs created/s', 'proofs verified/s'],
    [
      ['pvchain', rate(ourCreate), rate(ourVerify)],
      ...peers.map(([name]) => [
        name,
        `${rate(created.get(name) as number)} (pvchain ${(ourCreate / (created.get(name) as number)).toFixed(1)}x)`,
        `${rate(verified.get(name) as number)} (pvchain ${(ourVerify / (verified.get(name) as number)).toFixed(1)}x)`,
      ]),
    ],
  );
  const peerName = peers[0]?.[0] as string;
  for (const [figure, ours, peer, target] of [
    ['proof verification', ourVerify, verified.get(peerName) as number, 10],
    ['proof creation', ourCreate, created.get(peerName) as number, 5],
  ] as const) {
    const ratio = ours / peer;
    summary.push([
      figure,
      rate(ours),
      `@ethereumjs/mpt: ${rate(peer)}`,
      `${ratio.toFixed(1)}x`,
      `>= ${target}x ${ratio >= target ? 'met' : 'MISSED'}`,
    ]);
  }
  await trie.close();
}

async function benchLevel(summary: string[][]): Promise<void> {
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

export async function benchTrie(options: BenchOptions): Promise<string[][]> {
  const summary: string[][] = [];
  const data = entries(KEYS);
  await benchInserts(data, summary);
  await benchProofs(data, options, summary);
  await benchLevel(summary);
  return summary;
}
