// bench/trie, inserts in memory: 100,000 random keys inserted and the root computed, by pvchain
// (one batch, and a put per key) and by @ethereumjs/mpt (a put per key), round by round.
import { createMPT } from '@ethereumjs/mpt';
import { createTrie, type Trie } from '../assembly/bindings/trie/index.ts';
import { median, printTable } from './measure.ts';
import {
  type Entry,
  type Hash,
  hex,
  INSERT_ROUNDS,
  KEYS,
  noble,
  openssl,
  rate,
  seconds,
  timed,
  VALUE_BYTES,
} from './trie-common.ts';

export async function benchInserts(data: Entry[], summary: string[][]): Promise<void> {
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
