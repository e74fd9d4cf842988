// Block sync between two real chains on temp LevelDB dirs over an in-memory transport: a fresh
// node fetches, verifies and executes 60 blocks and ends with the same head hash, state root and
// ledger.db; it honours its batch size, reports progress, and follows a head that moves on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSyncRequest, SyncError, storedBlockHash } from '../../../../node/sync/index.ts';
import { useSourceChain } from './source-chain.ts';
import {
  createMemoryNetwork,
  growTo,
  openTestChain,
  rules,
  type TestChain,
} from './sync-harness.ts';
import { assertSameChain, servePeer, syncFresh } from './sync-peers.ts';

const HEAD = 60;
const chains = useSourceChain(HEAD);

describe('syncToHead', () => {
  it('brings a fresh node to the same head, state root and ledger in batches', async () => {
    const network = createMemoryNetwork();
    await servePeer(network, 'honest', chains.source);
    const run = await syncFresh(network, ['honest'], { batchSize: 16 });
    chains.opened.push(run.node);
    assert.deepEqual(run.outcome, { height: 60n, target: 60n, caughtUp: true, dropped: [] });
    assert.deepEqual(run.penalties, []);
    await assertSameChain(run.node, chains.source);
    const counts = network.requests
      .filter((r) => r.name === 'blocks')
      .map((r) => decodeSyncRequest(r.bytes).blocks?.count ?? 0);
    assert.deepEqual(counts, [16, 16, 16, 12]);
    assert.deepEqual(
      run.progress.map((p) => [p.height, p.target]),
      [
        [16n, 60n],
        [32n, 60n],
        [48n, 60n],
        [60n, 60n],
      ],
    );
  });

  it('follows a head that moves on while it syncs, then stops when no peer is ahead', async () => {
    const growing = await openTestChain();
    chains.opened.push(growing);
    await growTo(growing.chain, 20);
    const network = createMemoryNetwork();
    await servePeer(network, 'honest', growing);
    let statuses = 0;
    const endpoint = network.endpoint('moving');
    await servePeer(network, 'inner', growing);
    for (const name of ['status', 'blocks'])
      endpoint.handle(name, async (request) => {
        if (name === 'status' && ++statuses === 2) await growTo(growing.chain, 35);
        return network.endpoint('moving').request('inner', name, request, {});
      });
    const run = await syncFresh(network, ['moving'], { batchSize: 8 });
    chains.opened.push(run.node);
    assert.equal(run.outcome.height, 35n);
    assert.equal(run.outcome.caughtUp, true);
    assert.equal(statuses, 3, 'asked again after each catch-up');
    await assertSameChain(run.node, growing);
  });

  it('a synced node serves what it synced', async () => {
    const network = createMemoryNetwork();
    await servePeer(network, 'honest', chains.source);
    const first = await syncFresh(network, ['honest']);
    chains.opened.push(first.node);
    await servePeer(network, 'relay', first.node);
    const second = await syncFresh(network, ['relay']);
    chains.opened.push(second.node);
    assert.equal(second.outcome.height, BigInt(HEAD));
    await assertSameChain(second.node, chains.source);
  });

  it('stops when its signal fires, with every block it committed whole', async () => {
    const network = createMemoryNetwork();
    await servePeer(network, 'honest', chains.source);
    const controller = new AbortController();
    const nodes: TestChain[] = [];
    await assert.rejects(
      syncFresh(network, ['honest'], {
        batchSize: 8,
        signal: controller.signal,
        opened: nodes,
        onProgress: (p) => {
          if (p.height >= 16n) controller.abort();
        },
      }),
      (error: SyncError) => error instanceof SyncError && error.code === 'SYNC_ABORTED',
    );
    const node = nodes[0] as TestChain;
    chains.opened.push(node);
    assert.equal(node.chain.height(), 16n);
    assert.deepEqual((await node.stateStore.head())?.height, 16n);
    assert.deepEqual(
      node.chain.last()?.hash,
      await storedBlockHash(chains.source.ledger, rules.hash, 16n),
    );
  });
});
