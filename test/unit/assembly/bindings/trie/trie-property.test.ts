// Property tests (fast-check): the trie against a Map and the reference root, through puts,
// deletes, checkpoints, persists with eviction and reopening; proofs under random damage.
import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  createTrie,
  MemoryKV,
  type Trie,
  TrieProofError,
  verifyProof,
} from '../../../../../assembly/bindings/trie/index.ts';
import { toHex } from '../../../../shared/check.ts';
import { testSeed } from '../../../../shared/random.ts';
import { referenceRoot } from '../../../../shared/trie-suite.ts';

const seed = testSeed(process.env.TEST_SEED);
const sha256 = (data: Uint8Array) => new Uint8Array(hash('sha256', data, 'buffer'));

/** Keys over a few byte values, so that they share prefixes and are prefixes of each other. */
const key = fc.oneof(
  fc
    .uint8Array({ maxLength: 4 })
    .map((bytes) => bytes.map((b) => [0x00, 0x01, 0x10, 0xff][b % 4] as number)),
  fc.uint8Array({ minLength: 32, maxLength: 32 }),
);
const value = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 8 }),
  fc.uint8Array({ minLength: 1, maxLength: 70 }),
);

type Command =
  | { op: 'put'; key: Uint8Array; value: Uint8Array }
  | { op: 'del'; key: Uint8Array }
  | { op: 'checkpoint' | 'commit' | 'revert' | 'persist' | 'reopen' };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('put' as const), key, value }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('del' as const), key }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      ...(['checkpoint', 'commit', 'revert', 'persist', 'reopen'] as const).map((op) => ({ op })),
    ),
  },
);

type Model = Map<string, [Uint8Array, Uint8Array]>;

describe(`trie properties (TEST_SEED=${seed})`, () => {
  it('matches a Map and the reference root through checkpoints, persists and reopening', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 80, size: 'max' }), async (commands) => {
        const db = new MemoryKV();
        // A zero cache budget evicts everything at each persist: every later step loads lazily.
        const open = () => createTrie({ hash: 'sha256', db, cacheBytes: 0 });
        let trie: Trie = open();
        let model: Model = new Map();
        let persisted: Model = new Map();
        const saved: Model[] = [];
        let height = 0;
        for (const c of commands) {
          if (c.op === 'put' || c.op === 'del') {
            if (c.op === 'put') {
              await trie.put(c.key, c.value);
              model.set(toHex(c.key), [c.key, c.value]);
            } else {
              await trie.del(c.key);
              model.delete(toHex(c.key));
            }
            const got = await trie.get(c.key);
            assert.equal(
              toHex(got ?? new Uint8Array()),
              toHex(model.get(toHex(c.key))?.[1] ?? new Uint8Array()),
            );
          } else if (c.op === 'checkpoint') {
            await trie.checkpoint();
            saved.push(new Map(model));
          } else if (c.op === 'commit' && saved.length > 0) {
            await trie.commit();
            saved.pop();
          } else if (c.op === 'revert' && saved.length > 0) {
            await trie.revert();
            model = saved.pop() as Model;
          } else if (c.op === 'persist' && saved.length === 0) {
            await trie.persist(++height);
            persisted = new Map(model);
          } else if (c.op === 'reopen' && saved.length === 0) {
            await trie.close();
            trie = open();
            model = new Map(persisted);
          }
          assert.equal(toHex(await trie.root()), toHex(referenceRoot(model.values(), sha256)));
        }
        const entries: string[] = [];
        for await (const [k, v] of trie.entries()) entries.push(`${toHex(k)}:${toHex(v)}`);
        const expected = [...model.values()]
          .sort(([a], [b]) => Buffer.compare(a, b))
          .map(([k, v]) => `${toHex(k)}:${toHex(v)}`);
        assert.deepEqual(entries, expected);
        await trie.close();
      }),
      { seed, numRuns: 300 },
    );
  });

  it('proofs verify to the model, and damaged proofs never prove anything else', async () => {
    const damage = fc.record({
      kind: fc.constantFrom('flip', 'truncate', 'extend', 'drop', 'duplicate', 'swap', 'garbage'),
      node: fc.nat(),
      at: fc.nat(),
      byte: fc.integer({ min: 1, max: 255 }),
      garbage: fc.uint8Array({ maxLength: 40 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(key, value), { maxLength: 60, size: 'max' }),
        key,
        fc.array(damage, { maxLength: 3 }),
        async (entries, probe, damages) => {
          const trie = createTrie({ hash: 'sha256' });
          const model: Model = new Map();
          for (const [k, v] of entries) {
            model.set(toHex(k), [k, v]);
            await trie.put(k, v);
          }
          const root = await trie.root();
          const truth = toHex(model.get(toHex(probe))?.[1] ?? new Uint8Array());
          const proof = await trie.createProof(probe);
          assert.equal(
            toHex(verifyProof(root, probe, proof, { hash: 'sha256' }) ?? new Uint8Array()),
            truth,
          );
          const bad: Uint8Array[] = proof.map((node) => node.slice());
          for (const d of damages) {
            const i = bad.length === 0 ? 0 : d.node % bad.length;
            const node = bad[i];
            if (d.kind === 'garbage' || node === undefined) bad.splice(i, 0, d.garbage);
            else if (d.kind === 'flip')
              node[d.at % node.length] = (node[d.at % node.length] as number) ^ d.byte;
            else if (d.kind === 'truncate') bad[i] = node.subarray(0, d.at % node.length);
            else if (d.kind === 'extend') bad[i] = Uint8Array.from([...node, d.byte]);
            else if (d.kind === 'drop') bad.splice(i, 1);
            else if (d.kind === 'duplicate') bad.splice(i, 0, node);
            else bad.splice(i, 1, bad[(i + 1) % bad.length] as Uint8Array, node);
          }
          try {
            const got = verifyProof(root, probe, bad, { hash: 'sha256' });
            assert.equal(
              toHex(got ?? new Uint8Array()),
              truth,
              'a damaged proof was accepted with another answer',
            );
          } catch (error) {
            assert.ok(error instanceof TrieProofError, String(error));
          }
          await trie.close();
        },
      ),
      { seed, numRuns: 400 },
    );
  });

  it('any bytes as a proof are rejected with a TrieProofError or prove the truth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 5 }),
        key,
        (proof, probe) => {
          // Root: the hash of the first node, so that at least that check passes.
          const root = sha256(proof[0] ?? new Uint8Array([0x80]));
          try {
            const got = verifyProof(root, probe, proof, { hash: 'sha256' });
            // Accepted: then the first node must really be a node on the probe's path.
            assert.ok(got === null || got.length > 0);
          } catch (error) {
            assert.ok(error instanceof TrieProofError, String(error));
          }
        },
      ),
      { seed, numRuns: 2000 },
    );
  });
});
