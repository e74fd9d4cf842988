// bench/trie: pvchain's state trie beside @ethereumjs/mpt (byte storage, SHA-256, in memory), in
// the same run, rounds interleaved: 100,000 random 32-byte keys with 40-byte values inserted and
// the root computed; proofs created and verified per second; inserts per second on LevelDB.
//
// The peer's SHA-256 is @noble/hashes' (the hashing library @ethereumjs/mpt itself is built on);
// a second peer configuration with node:crypto's SHA-256 (OpenSSL) is shown beside it.
import type { BenchOptions } from './measure.ts';
import { entries, KEYS } from './trie-common.ts';
import { benchInserts } from './trie-inserts.ts';
import { benchLevel } from './trie-level.ts';
import { benchProofs } from './trie-proofs.ts';

export async function benchTrie(options: BenchOptions): Promise<string[][]> {
  const summary: string[][] = [];
  const data = entries(KEYS);
  await benchInserts(data, summary);
  await benchProofs(data, options, summary);
  await benchLevel(summary);
  return summary;
}
