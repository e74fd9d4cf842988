import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createTrie, verifyProof } from '../../../../assembly/bindings/trie/index.ts';
import { openLevelKV } from '../../../../node/store/level-kv.ts';
import { createRandom, testSeed } from '../../../shared/random.ts';
import { kvConformance } from '../../assembly/bindings/trie/kv-conformance.ts';

const seed = testSeed(process.env.TEST_SEED);
const dir = await mkdtemp(join(tmpdir(), 'pvchain-level-kv-'));
after(() => rm(dir, { recursive: true, force: true }));
let databases = 0;
const fresh = () => openLevelKV(join(dir, `db-${databases++}`), { sync: false });

describe(`LevelKV (TEST_SEED=${seed})`, () => {
  kvConformance(fresh);

  it('backs a trie: persisted, closed, reopened and read back lazily', async () => {
    const random = createRandom(seed);
    const location = join(dir, 'trie');
    let db = await openLevelKV(location);
    let trie = createTrie({ hash: 'sm3', db });
    const entries = Array.from(
      { length: 3000 },
      () => [random.bytes(32), random.bytes(40)] as const,
    );
    await trie.batch(entries.map(([key, value]) => ({ type: 'put' as const, key, value })));
    const root = await trie.persist(7);
    await trie.close();
    await db.close();
    db = await openLevelKV(location);
    trie = createTrie({ hash: 'sm3', db });
    assert.deepEqual(await trie.head(), { height: 7, root });
    for (const [key, value] of entries.slice(0, 300)) {
      assert.deepEqual(await trie.get(key), value);
      const proof = await trie.createProof(key);
      assert.deepEqual(verifyProof(root, key, proof, { hash: 'sm3' }), value);
    }
    assert.deepEqual(await trie.root(), root);
    await trie.close();
    await db.close();
  });

  it('rejects an empty location', async () => {
    await assert.rejects(openLevelKV(''), TypeError);
  });
});
