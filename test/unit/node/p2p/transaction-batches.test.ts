// Gossiped transaction batches in a line A - B - C: what A publishes within the delay reaches B's
// validator as one batch and C through B; a batch holding a rejected transaction stops at B and
// costs A score; a malformed message (sent by a bare libp2p peer) is rejected and penalised
// before any validator sees it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr } from '@multiformats/multiaddr';
import { libp2pPrivateKey } from '../../../../node/p2p/identity.ts';
import { P2PError, type P2PNode } from '../../../../node/p2p/index.ts';
import { createPvchainLibp2p } from '../../../../node/p2p/libp2p-config.ts';
import { encodeBatch } from '../../../../node/p2p/transaction-batcher.ts';
import {
  bytes,
  CHAIN_ID,
  connectedTo,
  secretKey,
  startNode,
  stopAll,
  tcpAddress,
  text,
  waitFor,
} from './harness.ts';

describe('p2p transaction batches', { timeout: 30_000 }, () => {
  const started: P2PNode[] = [];
  let a: P2PNode;
  let b: P2PNode;
  let c: P2PNode;
  const batchesAtB: string[][] = [];
  const seenAtC: string[] = [];

  /** Publishes once some peer subscribes to the topic (P2P_NO_PEERS until then). */
  async function whenSubscribed(publish: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + 8_000;
    for (;;) {
      try {
        return await publish();
      } catch (error) {
        if (!(error instanceof P2PError && error.code === 'P2P_NO_PEERS')) throw error;
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  before(async () => {
    a = await startNode({ key: 21, gossip: { delayMs: 50 } }, started);
    b = await startNode({ key: 22, peers: [tcpAddress(a)] }, started);
    c = await startNode({ key: 23, peers: [tcpAddress(b)] }, started);
    // B accepts what starts with "ok", rejects what starts with "bad", ignores the rest.
    b.onTransactions(async (transactions) => {
      const texts = transactions.map(text);
      batchesAtB.push(texts);
      return texts.map((t) =>
        t.startsWith('ok') ? 'accept' : t.startsWith('bad') ? 'reject' : 'ignore',
      );
    });
    c.onTransactions(async (transactions) => {
      seenAtC.push(...transactions.map(text));
      return transactions.map(() => 'accept' as const);
    });
    await waitFor(() => connectedTo(a, b) && connectedTo(b, c), 'the line connected');
    // B forwards to C once C is in B's mesh for the topic, a moment after they connect: until a
    // first batch crosses the line, another one is sent every second (for 20 s at most).
    const crossed = () => seenAtC.some((t) => t.startsWith('ok first'));
    for (let attempt = 0; !crossed(); attempt++) {
      await whenSubscribed(() => a.publishTransactions([bytes(`ok first ${attempt}`)]));
      await waitFor(crossed, 'the first batch crossed the line', 1_000).catch((error) => {
        if (attempt >= 20) throw error;
      });
    }
  });
  after(() => stopAll(started));

  it('packs transactions published within the delay into one batch, forwarded whole', async () => {
    await Promise.all(['ok 1', 'ok 2', 'maybe 3'].map((t) => a.publishTransaction(bytes(t))));
    await waitFor(() => seenAtC.includes('maybe 3'), 'C receives the batch through B');
    assert.deepEqual(batchesAtB.at(-1), ['ok 1', 'ok 2', 'maybe 3']);
    assert.deepEqual(seenAtC.slice(-3), ['ok 1', 'ok 2', 'maybe 3']);
  });

  it('publishes a list at once, split by the message limits', async () => {
    const list = Array.from({ length: 600 }, (_, i) => bytes(`ok many ${i}`));
    await a.publishTransactions(list);
    await waitFor(() => seenAtC.includes('ok many 599'), 'C receives them all');
    const sizes = batchesAtB
      .filter((batch) => batch[0]?.startsWith('ok many'))
      .map((x) => x.length);
    assert.deepEqual(sizes, [512, 88]);
  });

  it('drops a batch of ignored transactions without a penalty', async () => {
    await a.publishTransactions([bytes('unknown 1'), bytes('unknown 2')]);
    await waitFor(() => batchesAtB.some((batch) => batch[0] === 'unknown 1'), 'B judges it');
    await a.publishTransactions([bytes('ok after unknown')]);
    await waitFor(() => seenAtC.includes('ok after unknown'), 'the next batch reaches C');
    assert.equal(seenAtC.includes('unknown 1'), false);
    assert.equal(b.score(a.peerId), 0);
  });

  it('stops a batch holding a rejected transaction at B and penalises its sender', async () => {
    await a.publishTransactions([bytes('ok good'), bytes('bad signature')]);
    await waitFor(() => b.score(a.peerId) < 0, "A's score at B drops");
    assert.ok(batchesAtB.some((batch) => batch.join() === 'ok good,bad signature'));
    await a.publishTransactions([bytes('ok later')]);
    await waitFor(() => seenAtC.includes('ok later'), 'a later batch reaches C');
    assert.equal(seenAtC.includes('ok good'), false, 'the rejected batch was not forwarded');
  });

  it('rejects a malformed message and penalises its sender', async () => {
    const raw = await createPvchainLibp2p({
      privateKey: libp2pPrivateKey(secretKey(24)),
      listen: ['/ip4/127.0.0.1/tcp/0'],
      webrtcDirect: false,
      txTopic: `/pvchain/${CHAIN_ID}/tx-batch/1`,
      maxMessageBytes: 1024 * 1024,
      trustedAddresses: [],
      isBanned: () => false,
    });
    await raw.start();
    try {
      const topic = `/pvchain/${CHAIN_ID}/tx-batch/1`;
      raw.services.pubsub.subscribe(topic);
      await raw.dial(multiaddr(tcpAddress(b)));
      const rawId = raw.peerId.toString();
      await waitFor(
        () =>
          raw.services.pubsub
            .getSubscribers(topic)
            .some((p) => p.equals(peerIdFromString(b.peerId))),
        'the bare peer sees B subscribed',
      );
      const judged = batchesAtB.length;
      await raw.services.pubsub.publish(topic, bytes('not a batch'));
      await waitFor(() => b.score(rawId) < 0, 'the bare peer is penalised');
      assert.equal(batchesAtB.length, judged, 'B validator never saw it');
      // The same peer's well-formed batch does reach the validator.
      await raw.services.pubsub.publish(topic, encodeBatch([bytes('ok from the bare peer')]));
      await waitFor(() => seenAtC.includes('ok from the bare peer'), 'C receives it through B');
    } finally {
      await raw.stop();
    }
  });
});
