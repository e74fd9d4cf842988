import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { it } from 'node:test';
import { merkleRoot } from '../../../../light-client/merkle/merkle-root.ts';
import { createRandom, testSeed } from '../../../shared/random.ts';

const seed = testSeed(process.env.TEST_SEED);

/** The rule of merkle-root.ts written out plainly with OpenSSL, one hash at a time. */
function reference(alg: 'sha256' | 'sm3', leaves: Uint8Array[]): Uint8Array {
  const h = (data: Uint8Array) => new Uint8Array(createHash(alg).update(data).digest());
  let level = leaves;
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2)
      next.push(h(Buffer.concat([level[i] as Uint8Array, level[i + 1] as Uint8Array])));
    if (level.length % 2) next.push(level[level.length - 1] as Uint8Array);
    level = next;
  }
  const count = Buffer.alloc(8);
  count.writeBigUInt64BE(BigInt(leaves.length));
  return h(Buffer.concat([count, ...level]));
}

it(`equals the plain reference for 0 to 70 leaves and random larger trees (TEST_SEED=${seed})`, () => {
  const random = createRandom(seed);
  for (const alg of ['sha256', 'sm3'] as const) {
    const sizes = [
      ...Array.from({ length: 71 }, (_, i) => i),
      1023,
      1024,
      1025,
      2049 + random.int(3000),
    ];
    for (const size of sizes) {
      const leaves = Array.from({ length: size }, () => random.bytes(32));
      assert.deepEqual(merkleRoot(alg, leaves), reference(alg, leaves), `${alg}, ${size} leaves`);
    }
  }
});

it('gives different roots for a list and the list with its last leaf repeated', () => {
  const leaves = [1, 2, 3].map((n) => new Uint8Array(32).fill(n));
  assert.notDeepEqual(
    merkleRoot('sha256', leaves),
    merkleRoot('sha256', [...leaves, leaves[2] as Uint8Array]),
  );
});

it('refuses leaves that are not 32 bytes', () => {
  assert.throws(() => merkleRoot('sha256', [new Uint8Array(31)]), RangeError);
});
