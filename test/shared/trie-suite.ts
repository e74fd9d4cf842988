// The trie suite, shared by Node (test/unit/assembly/bindings/trie/trie-suite.test.ts) and Chromium
// (test/browser/trie.test.ts): roots against a small reference implementation written here from
// the Yellow Paper (appendix D), proofs made by the trie verified, tampered proofs rejected with
// their error codes, proven absence, checkpoints and iteration.
import type * as TrieApi from '../../assembly/bindings/trie/index.ts';
import { CheckError, checkBytes, checkEqual, toHex } from './check.ts';
import { createRandom, type Random } from './random.ts';

type HashAlgorithm = 'sha256' | 'sm3';
type Trie = TrieApi.Trie;

export type TrieSuiteEnvironment = {
  trie: Pick<
    typeof TrieApi,
    'createTrie' | 'verifyProof' | 'TrieProofError' | 'TrieProofErrorCode' | 'MemoryKV'
  >;
  /** The chain hash functions (pvchain/crypto). */
  hash(alg: HashAlgorithm, data: Uint8Array): Uint8Array;
  seed: number;
};

export type TestCase = { name: string; run(): Promise<void> };

// A reference trie, as plain as possible: the root of a set of entries, computed from scratch.

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function rlpLength(length: number, base: number): Uint8Array {
  if (length < 56) return new Uint8Array([base + length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return new Uint8Array([base + 55 + bytes.length, ...bytes]);
}

export function rlpString(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 1 && (bytes[0] as number) < 0x80) return bytes;
  return concat([rlpLength(bytes.length, 0x80), bytes]);
}

export function rlpList(items: Uint8Array[]): Uint8Array {
  const payload = concat(items);
  return concat([rlpLength(payload.length, 0xc0), payload]);
}

function nibblesOf(key: Uint8Array): number[] {
  return [...key].flatMap((b) => [b >> 4, b & 15]);
}

function hexPrefix(nibbles: number[], leaf: boolean): Uint8Array {
  const odd = nibbles.length % 2;
  const flag = (leaf ? 2 : 0) + odd;
  const all = odd ? [flag, ...nibbles] : [flag, 0, ...nibbles];
  const out = new Uint8Array(all.length / 2);
  for (let i = 0; i < out.length; i++)
    out[i] = ((all[2 * i] as number) << 4) | (all[2 * i + 1] as number);
  return out;
}

type Item = { path: number[]; value: Uint8Array };

/** The encoding of the node holding `items` (all sharing their first `depth` nibbles). */
function encodeNode(items: Item[], depth: number, hash: (d: Uint8Array) => Uint8Array): Uint8Array {
  const ref = (encoding: Uint8Array) =>
    encoding.length < 32 ? encoding : rlpString(hash(encoding));
  if (items.length === 1) {
    const item = items[0] as Item;
    return rlpList([rlpString(hexPrefix(item.path.slice(depth), true)), rlpString(item.value)]);
  }
  const first = (items[0] as Item).path;
  let common = 0;
  while (
    items.every(
      (item) =>
        item.path.length > depth + common && item.path[depth + common] === first[depth + common],
    )
  ) {
    common++;
  }
  if (common > 0) {
    const child = encodeNode(items, depth + common, hash);
    return rlpList([rlpString(hexPrefix(first.slice(depth, depth + common), false)), ref(child)]);
  }
  const slots: Uint8Array[] = [];
  for (let nibble = 0; nibble < 16; nibble++) {
    const below = items.filter((item) => item.path.length > depth && item.path[depth] === nibble);
    slots.push(
      below.length === 0 ? rlpString(new Uint8Array(0)) : ref(encodeNode(below, depth + 1, hash)),
    );
  }
  const here = items.find((item) => item.path.length === depth);
  slots.push(rlpString(here?.value ?? new Uint8Array(0)));
  return rlpList(slots);
}

/** The root of the trie holding `entries`, computed from scratch (Yellow Paper, appendix D). */
export function referenceRoot(
  entries: Iterable<[Uint8Array, Uint8Array]>,
  hash: (data: Uint8Array) => Uint8Array,
): Uint8Array {
  const items = [...entries].map(([key, value]) => ({ path: nibblesOf(key), value }));
  if (items.length === 0) return hash(new Uint8Array([0x80]));
  return hash(encodeNode(items, 0, hash));
}

// Helpers.

function randomKey(random: Random, known: Uint8Array[]): Uint8Array {
  if (known.length > 0 && random.int(2) === 0) {
    const base = known[random.int(known.length)] as Uint8Array;
    const prefix = base.subarray(0, random.int(base.length + 1));
    return concat([prefix, random.bytes(random.int(3))]);
  }
  return random.bytes(1 + random.int(random.int(4) === 0 ? 40 : 6));
}

async function checkProofError(
  env: TrieSuiteEnvironment,
  run: () => unknown,
  code: string,
  what: string,
): Promise<void> {
  try {
    run();
  } catch (error) {
    if (!(error instanceof env.trie.TrieProofError)) {
      throw new CheckError(`${what}: expected TrieProofError ${code}, got ${String(error)}`);
    }
    checkEqual(error.code, code, `${what}: code`);
    return;
  }
  throw new CheckError(`${what}: expected TrieProofError ${code}, the proof was accepted`);
}

function checkThrowsType(run: () => unknown, type: typeof Error, what: string): void {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return;
    throw new CheckError(`${what}: expected ${type.name}, got ${String(error)}`);
  }
  throw new CheckError(`${what}: expected ${type.name}, nothing was thrown`);
}

/** A trie with `count` random entries (random lengths, shared prefixes), and its model. */
async function randomTrie(
  env: TrieSuiteEnvironment,
  alg: HashAlgorithm,
  random: Random,
  count: number,
): Promise<{ trie: Trie; model: Map<string, [Uint8Array, Uint8Array]>; keys: Uint8Array[] }> {
  const trie = env.trie.createTrie({ hash: alg });
  const model = new Map<string, [Uint8Array, Uint8Array]>();
  const keys: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const key = randomKey(random, keys);
    const value = random.bytes(1 + random.int(random.int(5) === 0 ? 80 : 20));
    keys.push(key);
    model.set(toHex(key), [key, value]);
    await trie.put(key, value);
  }
  return { trie, model, keys };
}

export function createTrieSuite(env: TrieSuiteEnvironment): TestCase[] {
  const { createTrie, verifyProof, TrieProofErrorCode: Code } = env.trie;
  const cases: TestCase[] = [];
  for (const alg of ['sha256', 'sm3'] as const) {
    const h = (data: Uint8Array) => env.hash(alg, data);
    cases.push({
      name: `${alg}: the empty trie's root is hash(RLP("")), and its empty proof shows absence`,
      async run() {
        const trie = createTrie({ hash: alg });
        const root = await trie.root();
        checkBytes(root, h(new Uint8Array([0x80])), 'empty root');
        const proof = await trie.createProof(new Uint8Array([1, 2]));
        checkEqual(proof.length, 0, 'proof nodes');
        checkEqual(verifyProof(root, new Uint8Array([1, 2]), proof, { hash: alg }), null, 'absent');
        await checkProofError(
          env,
          () => verifyProof(h(new Uint8Array([1])), new Uint8Array([1]), [], { hash: alg }),
          Code.INCOMPLETE_PATH,
          'empty proof, other root',
        );
        await trie.close();
      },
    });
    cases.push({
      name: `${alg}: roots equal the reference implementation's after random puts and deletes`,
      async run() {
        const random = createRandom(env.seed);
        const { trie, model, keys } = await randomTrie(env, alg, random, 300);
        checkBytes(await trie.root(), referenceRoot(model.values(), h), 'after puts');
        for (let i = 0; i < 150; i++) {
          const key = keys[random.int(keys.length)] as Uint8Array;
          model.delete(toHex(key));
          await trie.del(key);
          if (i % 10 === 0)
            checkBytes(await trie.root(), referenceRoot(model.values(), h), `after delete ${i}`);
        }
        checkBytes(await trie.root(), referenceRoot(model.values(), h), 'after deletes');
        await trie.close();
      },
    });
    cases.push({
      name: `${alg}: proofs of present and absent keys verify to the value or to null`,
      async run() {
        const random = createRandom(env.seed + 1);
        const { trie, model, keys } = await randomTrie(env, alg, random, 400);
        const root = await trie.root();
        for (let i = 0; i < 200; i++) {
          const key =
            i % 2 === 0 ? (keys[random.int(keys.length)] as Uint8Array) : randomKey(random, keys);
          const proof = await trie.createProof(key);
          const value = verifyProof(root, key, proof, { hash: alg });
          const expected = model.get(toHex(key))?.[1] ?? null;
          checkEqual(
            value === null ? 'null' : toHex(value),
            expected === null ? 'null' : toHex(expected),
            `key ${toHex(key)}`,
          );
        }
        await trie.close();
      },
    });
    cases.push({
      name: `${alg}: tampered proofs are rejected, each with its code`,
      async run() {
        const random = createRandom(env.seed + 2);
        const { trie, keys } = await randomTrie(env, alg, random, 400);
        const root = await trie.root();
        const opts = { hash: alg };
        let checked = 0;
        for (const key of keys.slice(0, 60)) {
          const proof = await trie.createProof(key);
          if (proof.length < 2) continue;
          checked++;
          for (let i = 0; i < proof.length; i++) {
            const bad = proof.map((node) => node.slice());
            const node = bad[i] as Uint8Array;
            const at = random.int(node.length);
            node[at] = (node[at] as number) ^ (1 + random.int(255));
            await checkProofError(
              env,
              () => verifyProof(root, key, bad, opts),
              Code.HASH_MISMATCH,
              `byte flipped in node ${i}`,
            );
          }
          await checkProofError(
            env,
            () => verifyProof(h(root), key, proof, opts),
            Code.HASH_MISMATCH,
            'another root',
          );
          await checkProofError(
            env,
            () => verifyProof(root, key, proof.slice(0, -1), opts),
            Code.INCOMPLETE_PATH,
            'last node dropped',
          );
          await checkProofError(
            env,
            () => verifyProof(root, key, [...proof, proof[0] as Uint8Array], opts),
            Code.EXTRA_NODES,
            'node appended',
          );
          await checkProofError(
            env,
            () => verifyProof(root, key, proof, { ...opts, maxNodes: proof.length - 1 }),
            Code.TOO_LARGE,
            'too many nodes',
          );
          const size = proof.reduce((n, node) => n + node.length, 0);
          await checkProofError(
            env,
            () => verifyProof(root, key, proof, { ...opts, maxBytes: size - 1 }),
            Code.TOO_LARGE,
            'too many bytes',
          );
        }
        checkEqual(checked > 20, true, 'enough multi-node proofs');
        await trie.close();
      },
    });
    cases.push({
      name: `${alg}: malformed nodes are rejected even when their hashes match`,
      async run() {
        const opts = { hash: alg };
        const key = new Uint8Array([0x12, 0x34]);
        const malformed = [
          new Uint8Array([0xc1]), // truncated list
          new Uint8Array([0x80]), // a string, not a node
          new Uint8Array([0xc3, 0x81, 0x05, 0x01]), // non-canonical single byte
          rlpList([rlpString(new Uint8Array([0x40])), rlpString(new Uint8Array([1]))]), // bad prefix flag
          rlpList(Array.from({ length: 3 }, () => rlpString(new Uint8Array([1])))), // three items
          rlpList([rlpString(new Uint8Array([0x00])), rlpString(new Uint8Array(5))]), // extension, 5-byte ref
          concat([
            rlpList([rlpString(new Uint8Array([0x20])), rlpString(new Uint8Array([1]))]),
            new Uint8Array([0]),
          ]), // trailing byte
          new Uint8Array([0xf8, 0x02, 0x01, 0x02]), // long form for a short list
        ];
        for (const [i, node] of malformed.entries()) {
          await checkProofError(
            env,
            () => verifyProof(h(node), key, [node], opts),
            Code.MALFORMED_NODE,
            `malformed root node ${i}`,
          );
          // The same node below a valid branch that references it by hash.
          const slots = Array.from({ length: 17 }, () => rlpString(new Uint8Array(0)));
          slots[1] = rlpString(h(node));
          slots[5] = rlpString(h(new Uint8Array([7])));
          const branch = rlpList(slots);
          await checkProofError(
            env,
            () => verifyProof(h(branch), key, [branch, node], opts),
            Code.MALFORMED_NODE,
            `malformed child node ${i}`,
          );
        }
      },
    });
    cases.push({
      name: `${alg}: absence is proven, and a proof cannot be replayed for another key`,
      async run() {
        const random = createRandom(env.seed + 3);
        const { trie, model, keys } = await randomTrie(env, alg, random, 200);
        const root = await trie.root();
        let absent = 0;
        for (let i = 0; i < 100; i++) {
          const key = randomKey(random, keys);
          if (model.has(toHex(key))) continue;
          absent++;
          const proof = await trie.createProof(key);
          checkEqual(verifyProof(root, key, proof, { hash: alg }), null, 'absent key');
        }
        checkEqual(absent > 30, true, 'enough absent keys');
        for (let i = 0; i < 50; i++) {
          const a = keys[random.int(keys.length)] as Uint8Array;
          const b = keys[random.int(keys.length)] as Uint8Array;
          if (toHex(a) === toHex(b)) continue;
          const proof = await trie.createProof(a);
          let value: Uint8Array | null = null;
          try {
            value = verifyProof(root, b, proof, { hash: alg });
          } catch (error) {
            if (!(error instanceof env.trie.TrieProofError)) throw error;
            continue;
          }
          // Accepted only where a's proof happens to prove b too: then it must say the truth.
          const truth = model.get(toHex(b))?.[1] ?? null;
          checkEqual(
            value === null ? 'null' : toHex(value),
            truth === null ? 'null' : toHex(truth),
            'replayed proof',
          );
        }
        await trie.close();
      },
    });
  }
  cases.push({
    name: 'misuse throws TypeError or RangeError',
    async run() {
      const root = new Uint8Array(32);
      const key = new Uint8Array([1]);
      checkThrowsType(
        () => verifyProof(root, key, [], { hash: 'md5' as HashAlgorithm }),
        RangeError,
        'unknown hash',
      );
      checkThrowsType(
        () => verifyProof(root.subarray(1), key, [], { hash: 'sha256' }),
        RangeError,
        'short root',
      );
      checkThrowsType(
        () => verifyProof(root, 'ab' as unknown as Uint8Array, [], { hash: 'sha256' }),
        TypeError,
        'string key',
      );
      checkThrowsType(
        () => verifyProof(root, key, [null as unknown as Uint8Array], { hash: 'sha256' }),
        TypeError,
        'null node',
      );
      checkThrowsType(
        () => verifyProof(root, new Uint8Array(1025), [], { hash: 'sha256' }),
        RangeError,
        'long key',
      );
      checkThrowsType(
        () => createTrie({ hash: 'sha1' as HashAlgorithm }),
        RangeError,
        'createTrie hash',
      );
      const trie = createTrie({ hash: 'sha256' });
      for (const [what, call] of [
        ['put string', () => trie.put('a' as unknown as Uint8Array, key)],
        ['put long key', () => trie.put(new Uint8Array(1025), key)],
        ['get number', () => trie.get(5 as unknown as Uint8Array)],
        ['commit without checkpoint', () => trie.commit()],
      ] as const) {
        let rejected = false;
        await call().catch((error: unknown) => {
          rejected = error instanceof TypeError || error instanceof RangeError;
        });
        checkEqual(rejected, true, what);
      }
      await trie.close();
    },
  });
  cases.push({
    name: 'checkpoints: revert rolls a failed transaction back, commit keeps it',
    async run() {
      const random = createRandom(env.seed + 4);
      const { trie, model, keys } = await randomTrie(env, 'sha256', random, 100);
      const h = (data: Uint8Array) => env.hash('sha256', data);
      const before = await trie.root();
      await trie.checkpoint();
      for (let i = 0; i < 50; i++) await trie.put(randomKey(random, keys), random.bytes(5));
      for (let i = 0; i < 20; i++) await trie.del(keys[random.int(keys.length)] as Uint8Array);
      const middle = await trie.root();
      await trie.checkpoint();
      await trie.put(new Uint8Array([9, 9, 9]), new Uint8Array([9]));
      checkEqual(
        toHex((await trie.get(new Uint8Array([9, 9, 9]))) ?? new Uint8Array(0)),
        '09',
        'inside',
      );
      await trie.revert();
      checkBytes(await trie.root(), middle, 'inner revert');
      await trie.revert();
      checkBytes(await trie.root(), before, 'root after revert');
      checkBytes(before, referenceRoot(model.values(), h), 'reference');
      await trie.checkpoint();
      const key = new Uint8Array([0xab, 0xcd]);
      await trie.put(key, new Uint8Array([1, 2, 3]));
      await trie.commit();
      model.set(toHex(key), [key, new Uint8Array([1, 2, 3])]);
      checkBytes(await trie.root(), referenceRoot(model.values(), h), 'after commit');
      checkEqual(trie.checkpoints, 0, 'no checkpoint left');
      await trie.close();
    },
  });
  cases.push({
    name: 'iteration yields every entry in key order, within a range',
    async run() {
      const random = createRandom(env.seed + 5);
      const { trie, model } = await randomTrie(env, 'sha256', random, 300);
      const sorted = [...model.values()].sort(([a], [b]) => compare(a, b));
      const seen: string[] = [];
      for await (const [key, value] of trie.entries()) seen.push(`${toHex(key)}=${toHex(value)}`);
      checkEqual(
        seen.join(','),
        sorted.map(([k, v]) => `${toHex(k)}=${toHex(v)}`).join(','),
        'all entries',
      );
      const gte = (sorted[50] as [Uint8Array, Uint8Array])[0];
      const lt = (sorted[120] as [Uint8Array, Uint8Array])[0];
      let count = 0;
      for await (const [key] of trie.entries({ gte, lt })) {
        checkEqual(compare(key, gte) >= 0 && compare(key, lt) < 0, true, 'in range');
        count++;
      }
      checkEqual(count, 70, 'range size');
      await trie.close();
    },
  });
  return cases;
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  }
  return a.length - b.length;
}
