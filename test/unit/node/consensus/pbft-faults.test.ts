// PBFT under crashes, a faulty primary, lost messages and partitions (simulated network, fake clock).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { longToBigint } from '../../../../proto/index.ts';
import { testSeed } from '../../../shared/random.ts';
import { type Cluster, createCluster } from './sim-cluster.ts';

const seed = testSeed(process.env.TEST_SEED);
console.log(`TEST_SEED=${seed}`);
const why = `TEST_SEED=${seed}`;

function checkHealthy(cluster: Cluster): void {
  cluster.assertNoFork();
  for (const node of cluster.nodes) {
    assert.deepEqual(node.chain.violations, [], why);
    assert.deepEqual(node.fatal, [], why);
  }
}

describe('PBFT with crashed validators', () => {
  it('keeps committing with one backup crashed', async () => {
    const cluster = await createCluster({ seed });
    await cluster.startAll();
    assert.ok(await cluster.runUntil(() => cluster.minHeight() >= 5n, 10_000), why);
    cluster.crash(3);
    assert.ok(await cluster.runUntil(() => cluster.minHeight() >= 25n, 30_000), why);
    cluster.stop();
    checkHealthy(cluster);
    assert.equal(cluster.nodes[0]?.engine?.status().view, 0n, 'the primary kept its view');
  });

  it('changes view when the primary crashes, and resumes within 3 s of simulated time', async () => {
    const cluster = await createCluster({ seed, baseTimeoutMs: 1000 });
    await cluster.startAll();
    assert.ok(await cluster.runUntil(() => cluster.minHeight() >= 5n, 10_000), why);
    const primary = cluster.nodes.findIndex((node) => node.engine?.status().isPrimary);
    cluster.crash(primary);
    const crashedAt = cluster.clock.now();
    const before = cluster.maxHeight(cluster.running());
    assert.ok(await cluster.runUntil(() => cluster.minHeight() > before, 10_000), why);
    const resumedAfterMs = cluster.clock.now() - crashedAt;
    assert.ok(resumedAfterMs < 3000, `resumed after ${resumedAfterMs} ms (${why})`);
    assert.ok(await cluster.runUntil(() => cluster.minHeight() >= before + 10n, 20_000), why);
    cluster.stop();
    checkHealthy(cluster);
    for (const node of cluster.running()) assert.equal(node.engine?.status().view, 1n, why);
  });

  it('after a new epoch (views from 0 again) changes view when the primary crashes', async () => {
    const cluster = await createCluster({ seed, baseTimeoutMs: 1000, checkpointInterval: 4 });
    await cluster.startAll();
    const primary0 = cluster.nodes.findIndex((node) => node.engine?.status().isPrimary);
    cluster.crash(primary0); // a view change in the first epoch: view 1 is signed there
    assert.ok(await cluster.runUntil(() => cluster.minHeight() >= 6n, 20_000), why);
    await cluster.restart(primary0);
    assert.ok(await cluster.runUntil(() => cluster.minHeight() >= 9n, 20_000), why);
    // The first epoch ends at height 12: every engine commits it, then idles (no view change).
    cluster.endEpochAt(12n);
    assert.ok(await cluster.runUntil(() => cluster.minHeight() >= 12n, 20_000), why);
    await cluster.runFor(5_000);
    assert.equal(cluster.maxHeight(cluster.running()), 12n, why);
    const firstHeight = await cluster.newEpoch();
    assert.equal(firstHeight, 13n);
    assert.ok(
      cluster.running().every((node) => node.engine?.status().view === 0n),
      why,
    );
    assert.ok(await cluster.runUntil(() => cluster.minHeight() >= firstHeight + 2n, 20_000), why);
    const primary = cluster.nodes.findIndex((node) => node.engine?.status().isPrimary);
    cluster.crash(primary);
    const before = cluster.maxHeight(cluster.running());
    assert.ok(await cluster.runUntil(() => cluster.minHeight() >= before + 3n, 20_000), why);
    cluster.stop();
    checkHealthy(cluster);
    for (const node of cluster.running()) assert.equal(node.engine?.status().view, 1n, why);
  });

  it('with two of four crashed makes no progress and no fork, and resumes when one returns', async () => {
    const cluster = await createCluster({ seed });
    await cluster.startAll();
    assert.ok(await cluster.runUntil(() => cluster.minHeight() >= 5n, 10_000), why);
    cluster.crash(2);
    cluster.crash(3);
    await cluster.runFor(500); // what the crashed ones sent before crashing is still delivered
    const stalled = cluster.running().map((node) => node.chain.height());
    await cluster.runFor(30_000);
    assert.deepEqual(
      cluster.running().map((node) => node.chain.height()),
      stalled,
      `no progress without a quorum (${why})`,
    );
    checkHealthy(cluster);
    await cluster.restart(2);
    const top = cluster.maxHeight();
    assert.ok(await cluster.runUntil(() => cluster.minHeight() >= top + 5n, 60_000), why);
    cluster.stop();
    checkHealthy(cluster);
  });
});

describe('PBFT with a faulty primary', () => {
  it('a primary that sends conflicting pre-prepares causes no fork and loses its view', async () => {
    const cluster = await createCluster({ seed, equivocating: [0] });
    await cluster.startAll();
    const honest = cluster.nodes.slice(1);
    assert.ok(await cluster.runUntil(() => cluster.minHeight(honest) >= 10n, 30_000), why);
    cluster.stop();
    checkHealthy(cluster);
    const first = honest[0]?.chain.blocks[1];
    assert.ok(first?.certificate && longToBigint(first.certificate.view as never) >= 1n, why);
    for (const node of honest) assert.ok((node.engine?.status().view ?? 0n) >= 1n, why);
    const evidence = honest.flatMap((node) => node.evidence);
    assert.ok(evidence.length > 0, `evidence recorded (${why})`);
    for (const e of evidence) {
      assert.equal(e.kind, 'equivocation');
      assert.equal(e.message, 'pre-prepare');
      assert.deepEqual(e.validator, cluster.nodes[0]?.address);
      assert.notDeepEqual(e.first, e.second);
    }
  });
});

describe('PBFT on a bad network', () => {
  it('agrees with 5% of messages lost and delays up to 200 ms', async () => {
    const cluster = await createCluster({ seed, dropRate: 0.05, maxDelayMs: 200 });
    await cluster.startAll();
    assert.ok(await cluster.runUntil(() => cluster.minHeight() >= 30n, 120_000), why);
    cluster.stop();
    checkHealthy(cluster);
  });

  it('a validator cut off by a partition catches up after it heals', async () => {
    const cluster = await createCluster({ seed });
    await cluster.startAll();
    assert.ok(await cluster.runUntil(() => cluster.minHeight() >= 3n, 10_000), why);
    const addresses = cluster.nodes.map((node) => node.address);
    cluster.network.partition(addresses.slice(0, 3), addresses.slice(3));
    await cluster.runFor(5_000);
    const cutOff = cluster.nodes[3]?.chain.height() ?? 0n;
    assert.ok(cluster.maxHeight() > cutOff + 5n, `the majority went on (${why})`);
    cluster.network.heal();
    const top = cluster.maxHeight();
    assert.ok(await cluster.runUntil(() => cluster.minHeight() >= top + 5n, 30_000), why);
    cluster.stop();
    checkHealthy(cluster);
  });
});
