// Iteration in key order, a chunk of entries per call on the trie, so other calls can run in
// between: each chunk starts after the last key of the one before.
import { assertBytes, assertKey } from './args.ts';
import type { Chunk, Entry } from './handle-ops.ts';
import { compareBytes } from './kv.ts';

export type EntryRange = { gte?: Uint8Array; lt?: Uint8Array };

/** Reads the chunk from `start` on (after it if `after`). */
export type ReadChunk = (start: Uint8Array, after: boolean) => Promise<Chunk>;

/** Entries from `range.gte` on and before `range.lt`; the arguments are checked on first next(). */
export async function* iterateEntries(
  range: EntryRange,
  readChunk: ReadChunk,
): AsyncIterableIterator<Entry> {
  if (range.gte !== undefined) assertKey(range.gte, 'gte');
  if (range.lt !== undefined) assertBytes(range.lt, 'lt');
  let start = range.gte ?? new Uint8Array(0);
  let after = false;
  for (;;) {
    const chunk = await readChunk(start, after);
    for (const entry of chunk.entries) {
      if (range.lt !== undefined && compareBytes(entry[0], range.lt) >= 0) return;
      yield entry;
    }
    if (chunk.done) return;
    const last = chunk.entries.at(-1);
    if (last !== undefined) {
      start = last[0];
      after = true;
    }
  }
}
