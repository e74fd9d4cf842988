// The process that test/unit/node/store/crash.test.ts kills: it reopens the trie in the LevelDB at
// argv[2] and, from the stored head on, applies batch after batch and persists each, printing
// "writing <height>" before the persist and "committed <height> <root hex>" after it.
import { createTrie } from '../../../../assembly/bindings/trie/index.ts';
import { openLevelKV } from '../../../../node/store/level-kv.ts';
import { toHex } from '../../../shared/check.ts';
import { crashBatch } from './crash-batches.ts';

const [location, seedText] = process.argv.slice(2);
if (location === undefined || seedText === undefined) {
  throw new TypeError('usage: crash-child.ts <database directory> <seed>');
}
const seed = Number(seedText);
const db = await openLevelKV(location);
// A small cache: most nodes are evicted after each persist and loaded back from LevelDB.
const trie = createTrie({ hash: 'sha256', db, cacheBytes: 64 * 1024 });
let height = (await trie.head())?.height ?? 0;
for (;;) {
  height++;
  await trie.batch(crashBatch(seed, height));
  process.stdout.write(`writing ${height}\n`);
  const root = await trie.persist(height);
  process.stdout.write(`committed ${height} ${toHex(root)}\n`);
}
