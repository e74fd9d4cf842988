// Transactions over gossipsub in a line A - B - C (A and C are not connected): C hears A's
// transaction only when B's validator accepts it; a rejected one stops at B and costs A score.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { P2PError, type P2PNode, type TransactionVerdict } from '../../../../node/p2p/index.ts';
import { bytes, connectedTo, startNode, stopAll, tcpAddress, text, waitFor } from './harness.ts';

describe('p2p transaction gossip', { timeout: 20_000 }, () => {
  const started: P2PNode[] = [];
  let a: P2PNode;
  let b: P2PNode;
  let c: P2PNode;
  const seenAtB: { tx: string; from: string; verdict: TransactionVerdict }[] = [];
  const seenAtC: string[] = [];

  /** Publishes once some peer subscribes to the topic (P2P_NO_PEERS until then). */
  async function publishWhenSubscribed(node: P2PNode, tx: string): Promise<void> {
    const deadline = Date.now() + 8_000;
    for (;;) {
      try {
        return await node.publishTransaction(bytes(tx));
      } catch (error) {
        if (!(error instanceof P2PError && error.code === 'P2P_NO_PEERS')) throw error;
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  before(async () => {
    a = await startNode({ key: 1 }, started);
    b = await startNode({ key: 2, peers: [tcpAddress(a)] }, started);
    c = await startNode({ key: 3, peers: [tcpAddress(b)] }, started);
    // B accepts what starts with "ok", rejects what starts with "bad", ignores the rest.
    b.onTransaction(async (data, from) => {
      const tx = text(data);
      const verdict = tx.startsWith('ok') ? 'accept' : tx.startsWith('bad') ? 'reject' : 'ignore';
      seenAtB.push({ tx, from, verdict });
      return verdict;
    });
    c.onTransaction(async (data) => {
      seenAtC.push(text(data));
      return 'accept';
    });
    await waitFor(() => connectedTo(a, b) && connectedTo(b, c), 'the line connected');
  });
  after(() => stopAll(started));

  it('keeps the line: A and C are not connected', () => {
    assert.equal(connectedTo(a, c), false);
  });

  it('refuses to publish when no peer subscribes, so the transaction can be sent again', async () => {
    const alone = await startNode({ key: 7 }, started);
    await assert.rejects(alone.publishTransaction(bytes('ok lonely')), { code: 'P2P_NO_PEERS' });
    await alone.stop();
  });

  it('stops a rejected transaction at B and penalises its sender', async () => {
    assert.equal(b.score(a.peerId), 0);
    // Publishing before the mesh forms reaches B anyway: A floods its own messages.
    await publishWhenSubscribed(a, 'bad signature');
    await waitFor(() => seenAtB.some((s) => s.tx === 'bad signature'), 'B validates it');
    assert.deepEqual(seenAtB[0], { tx: 'bad signature', from: a.peerId, verdict: 'reject' });
    await waitFor(() => b.score(a.peerId) < 0, "A's score at B drops");
    // An ignored transaction is dropped without a penalty.
    const scoreAfterReject = b.score(a.peerId);
    await a.publishTransaction(bytes('unknown nonce'));
    await waitFor(() => seenAtB.some((s) => s.tx === 'unknown nonce'), 'B validates it');
    assert.ok(b.score(a.peerId) >= scoreAfterReject);
  });

  it('forwards an accepted transaction two hops', async () => {
    await a.publishTransaction(bytes('ok payment'));
    await waitFor(() => seenAtC.includes('ok payment'), 'C receives it through B', 10_000);
    assert.deepEqual(seenAtC, ['ok payment'], 'C never saw the rejected or ignored ones');
    assert.equal(seenAtB.filter((s) => s.tx === 'ok payment').length, 1);
  });

  it('dedupes the same transaction published by two nodes', async () => {
    await c.publishTransaction(bytes('ok duplicate'));
    await waitFor(() => seenAtB.some((s) => s.tx === 'ok duplicate'), 'B receives it');
    await a.publishTransaction(bytes('ok duplicate'));
    await a.publishTransaction(bytes('ok after'));
    await waitFor(() => seenAtB.some((s) => s.tx === 'ok after'), 'B receives the next one');
    assert.equal(seenAtB.filter((s) => s.tx === 'ok duplicate').length, 1);
  });
});
