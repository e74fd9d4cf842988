// PBFT on a simulated network without faults: agreement, checkpoints and watermarks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyBatch } from '../../../../assembly/bindings/crypto.ts';
import { checkCheckpointCertificate } from '../../../../node/consensus/certificates.ts';
import { testSeed } from '../../../shared/random.ts';
import { CHAIN_ID, createCluster } from './sim-cluster.ts';

const seed = testSeed(process.env.TEST_SEED);
console.log(`TEST_SEED=${seed}`);
const why = `TEST_SEED=${seed}`;

describe('PBFT, no faults', () => {
  it('4 validators commit 50 heights with identical block hashes', async () => {
    const cluster = await createCluster({ seed });
    await cluster.startAll();
    const done = await cluster.runUntil(() => cluster.minHeight() >= 50n, 60_000);
    cluster.stop();
    assert.ok(done, `heights ${cluster.nodes.map((n) => n.chain.height())} (TEST_SEED=${seed})`);
    cluster.assertNoFork();
    for (const node of cluster.nodes) {
      assert.deepEqual(node.chain.violations, []);
      assert.deepEqual(node.fatal, []);
      assert.equal(node.engine?.status().view ?? 0n, 0n, 'no view change was needed');
    }
  });
});

describe('PBFT checkpoints', () => {
  it('become stable every interval with a quorum of signatures, and move the watermarks', async () => {
    const cluster = await createCluster({ seed, checkpointInterval: 4 });
    await cluster.startAll();
    const stableAt: bigint[] = [];
    const done = await cluster.runUntil(() => {
      const stable = cluster.nodes[0]?.engine?.stableCheckpoint();
      if (stable && stable.height !== stableAt.at(-1)) stableAt.push(stable.height);
      return cluster.minHeight() >= 22n;
    }, 60_000);
    cluster.stop();
    assert.ok(done, why);
    assert.deepEqual(stableAt, [4n, 8n, 12n, 16n, 20n], why);
    for (const node of cluster.nodes) {
      const stable = node.engine?.stableCheckpoint();
      assert.equal(stable?.height, 20n, why);
      const checked = checkCheckpointCertificate(
        { chainId: CHAIN_ID, set: cluster.set },
        stable?.cert ?? {},
        4n,
      );
      assert.ok(checked.ok, why);
      assert.ok(verifyBatch(checked.items).every(Boolean), 'every signature verifies');
      assert.ok(checked.items.length >= 3, 'a quorum: 2f + 1 of 4');
      assert.deepEqual(stable?.cert.blockHash, node.chain.blocks[20]?.hash);
      const status = node.engine?.status();
      assert.equal(status?.lowWatermark, 20n);
      assert.equal(status?.highWatermark, 28n);
      // The sign log keeps only what lies above the stable checkpoint (and the checkpoint itself).
      for (const entry of await node.signLog.entries())
        assert.ok(entry.height >= 20n || entry.kind === 'view-change' || entry.kind === 'new-view');
    }
  });
});
