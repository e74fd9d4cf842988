// Crash safety of persist on LevelDB: a child process writes batch after batch and is SIGKILLed at
// random moments (mid-write or just after a commit); each time the database is reopened, its head
// must be the last height the child reported committed (or the one it was writing), with that
// state's root and every key/value of it readable. Then the next child carries on from there.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTrie } from '../../../../assembly/bindings/trie/index.ts';
import { openLevelKV } from '../../../../node/store/level-kv.ts';
import { toHex } from '../../../shared/check.ts';
import { createRandom, testSeed } from '../../../shared/random.ts';
import { crashBatch } from './crash-batches.ts';

const seed = testSeed(process.env.TEST_SEED);
const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'pvchain-crash-'));
after(() => rm(dir, { recursive: true, force: true }));

const CYCLES = 8;
const TIMEOUT_MS = 30_000;

type Progress = { committed: Map<number, string>; writing: number };

/** Runs the child until `kill` says so (checked at each line it prints), then SIGKILLs it. */
async function runChild(
  location: string,
  kill: (line: string, progress: Progress) => boolean,
): Promise<Progress> {
  const progress: Progress = { committed: new Map(), writing: 0 };
  const proc: ChildProcess = spawn(process.execPath, [child, location, String(seed)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const timer = setTimeout(() => proc.kill('SIGKILL'), TIMEOUT_MS);
  let killed = false;
  for await (const line of createInterface({ input: proc.stdout as NodeJS.ReadableStream })) {
    const [word, height, root] = line.split(' ');
    if (word === 'writing') progress.writing = Number(height);
    if (word === 'committed') progress.committed.set(Number(height), root as string);
    if (!killed && kill(line, progress)) {
      killed = true;
      proc.kill('SIGKILL');
    }
  }
  await exited;
  clearTimeout(timer);
  assert.ok(killed, `the child stopped before it was killed:\n${stderr}`);
  assert.equal(proc.signalCode, 'SIGKILL', stderr);
  return progress;
}

/** The state after `height` batches, replayed in memory. */
async function replay(height: number): Promise<{ root: string; entries: Map<string, string> }> {
  const trie = createTrie({ hash: 'sha256' });
  const entries = new Map<string, string>();
  for (let h = 1; h <= height; h++) {
    const batch = crashBatch(seed, h);
    await trie.batch(batch);
    for (const op of batch) {
      if (op.type === 'put') entries.set(toHex(op.key), toHex(op.value));
      else entries.delete(toHex(op.key));
    }
  }
  const root = toHex(await trie.root());
  await trie.close();
  return { root, entries };
}

describe(`persist on LevelDB survives SIGKILL (TEST_SEED=${seed})`, () => {
  it(`${CYCLES} kills at random moments leave the old or the new root, complete`, async () => {
    const random = createRandom(seed);
    const location = join(dir, 'account.db');
    let head = 0;
    const outcomes: string[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      // Kill once a few more batches are committed: mid-write (a random moment after "writing")
      // or right after a "committed" line, at random.
      const target = head + 1 + random.int(4);
      const midWrite = random.int(2) === 0;
      const delayMs = random.int(15);
      const progress = await runChild(location, (line, p) => {
        const due = midWrite ? p.writing >= target : p.committed.has(target);
        if (!due) return false;
        if (delayMs === 0) return true;
        // A random moment inside the persist: the kill lands wherever the child is then.
        const started = performance.now();
        while (performance.now() - started < delayMs) {
          /* spin: no timers, so that the moment is not aligned to the event loop */
        }
        return line.length >= 0;
      });
      const reported = Math.max(head, ...progress.committed.keys());
      const db = await openLevelKV(location);
      const trie = createTrie({ hash: 'sha256', db });
      const stored = await trie.head();
      if (stored === null) {
        // Killed inside the very first batch: the old state is the empty store.
        assert.equal(progress.committed.size, 0, 'no head stored, yet a commit was reported');
        assert.equal(head, 0, 'a head stored before was lost');
        await trie.close();
        await db.close();
        outcomes.push(`${midWrite ? 'mid-write' : 'after commit'} ${target}: empty`);
        continue;
      }
      assert.ok(
        stored.height === reported || stored.height === reported + 1,
        `head ${stored.height}, last reported committed ${reported}`,
      );
      const expected = await replay(stored.height);
      assert.equal(toHex(stored.root), expected.root, `root of height ${stored.height}`);
      const said = progress.committed.get(stored.height);
      if (said !== undefined) assert.equal(said, expected.root, 'root the child reported');
      assert.equal(toHex(await trie.root()), expected.root);
      for (const [key, value] of expected.entries) {
        const got = await trie.get(Buffer.from(key, 'hex'));
        assert.equal(toHex(got ?? new Uint8Array()), value, `key ${key} at ${stored.height}`);
      }
      let count = 0;
      for await (const _ of trie.entries()) count++;
      assert.equal(count, expected.entries.size, 'no stray entries');
      await trie.close();
      await db.close();
      outcomes.push(`${midWrite ? 'mid-write' : 'after commit'} ${target}: head ${stored.height}`);
      head = stored.height;
    }
    console.log(`kills: ${outcomes.join('; ')}`);
  });
});
