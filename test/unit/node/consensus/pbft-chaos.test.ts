// Safety under chaos: random crashes and restarts (at most f down at once), partitions, lost and
// late messages, with and without a primary that equivocates. No two nodes ever commit different
// blocks at one height; once the network heals and everyone is back, blocks are committed again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRandom, testSeed } from '../../../shared/random.ts';
import { createCluster } from './sim-cluster.ts';

const seed = testSeed(process.env.TEST_SEED);
console.log(`TEST_SEED=${seed}`);

async function chaos(options: { n: number; equivocating?: number[]; rounds: number }) {
  const random = createRandom(seed ^ 0x5eed);
  const cluster = await createCluster({
    seed,
    n: options.n,
    dropRate: 0.1,
    maxDelayMs: 300,
    checkpointInterval: 4,
    equivocating: options.equivocating ?? [],
  });
  const f = Math.floor((options.n - 1) / 3);
  await cluster.startAll();
  const down = new Set<number>();
  for (let round = 0; round < options.rounds; round++) {
    const action = random.int(5);
    if (action === 0 && down.size < f) {
      const i = random.int(options.n);
      if (!down.has(i)) {
        cluster.crash(i);
        down.add(i);
      }
    } else if (action === 1 && down.size > 0) {
      const i = [...down][0] as number;
      down.delete(i);
      await cluster.restart(i);
    } else if (action === 2) {
      const cut = cluster.nodes.filter(() => random.int(3) === 0).map((node) => node.address);
      const rest = cluster.nodes.map((node) => node.address).filter((a) => !cut.includes(a));
      cluster.network.partition(cut, rest);
    } else if (action === 3) cluster.network.heal();
    await cluster.runFor(500 + random.int(3000));
    cluster.assertNoFork();
  }
  cluster.network.heal();
  cluster.network.setDropRate(0);
  for (const i of down) await cluster.restart(i);
  const top = cluster.maxHeight();
  const recovered = await cluster.runUntil(() => cluster.minHeight() >= top + 5n, 120_000);
  cluster.stop();
  cluster.assertNoFork();
  for (const node of cluster.nodes) {
    assert.deepEqual(node.fatal, [], `TEST_SEED=${seed}`);
    assert.deepEqual(node.chain.violations, [], `TEST_SEED=${seed}`);
  }
  assert.ok(recovered, `no progress after healing (TEST_SEED=${seed})`);
}

describe('PBFT under chaos', () => {
  it('4 validators, crashes, partitions, 10% loss', () => chaos({ n: 4, rounds: 30 }));
  it('4 validators, one of them an equivocating primary', () =>
    chaos({ n: 4, rounds: 30, equivocating: [0] }));
  it('7 validators, up to two down at once', () => chaos({ n: 7, rounds: 30 }));
});
