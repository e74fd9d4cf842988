// Four validators on loopback: they connect from their peer lists, consensus messages reach every
// validator with the sender's Noise-verified identity, a non-validator's streams are refused, and
// a validator restarted with the same key on a new port is connected again and heard again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type ConsensusSender,
  type P2PNode,
  peerIdFromValidatorKey,
} from '../../../../node/p2p/index.ts';
import {
  bytes,
  connectedTo,
  publicKey,
  startNode,
  stopAll,
  tcpAddress,
  text,
  waitFor,
} from './harness.ts';

type Received = { message: string; from: ConsensusSender };

describe('p2p consensus streams', { timeout: 20_000 }, () => {
  const started: P2PNode[] = [];
  const validatorKeys = [1, 2, 3, 4].map(publicKey);
  const nodes: P2PNode[] = [];
  const inbox = new Map<P2PNode, Received[]>();

  function listen(node: P2PNode): void {
    const received: Received[] = [];
    inbox.set(node, received);
    node.onConsensus((data, from) => received.push({ message: text(data), from }));
  }
  const messages = (node: P2PNode, message: string) =>
    (inbox.get(node) ?? []).filter((r) => r.message === message);
  const fullyConnected = () =>
    nodes.every((node) => nodes.every((other) => other === node || connectedTo(node, other)));

  before(async () => {
    // Each validator lists those started before it: together they form a full mesh.
    for (const key of [1, 2, 3, 4]) {
      const node = await startNode({ key, validatorKeys, peers: nodes.map(tcpAddress) }, started);
      listen(node);
      nodes.push(node);
    }
    await waitFor(fullyConnected, 'four validators fully connected');
  });
  after(() => stopAll(started));

  it('derives peer ids from the validator keys', () => {
    nodes.forEach((node, i) => {
      assert.equal(node.peerId, peerIdFromValidatorKey(validatorKeys[i] as Uint8Array));
    });
    const peers = nodes[0]?.peers() ?? [];
    assert.equal(peers.length, 3);
    for (const peer of peers) {
      const index = nodes.findIndex((node) => node.peerId === peer.peerId);
      assert.deepEqual(peer.publicKey, validatorKeys[index]);
    }
  });

  it('broadcasts to every other validator with the verified sender', async () => {
    const [a, ...others] = nodes as [P2PNode, ...P2PNode[]];
    a.broadcastConsensus(bytes('prepare 1'));
    await waitFor(() => others.every((n) => messages(n, 'prepare 1').length === 1), 'delivery');
    for (const node of others) {
      const [received] = messages(node, 'prepare 1');
      assert.equal(received?.from.peerId, a.peerId);
      assert.deepEqual(received?.from.publicKey, validatorKeys[0]);
    }
    assert.equal(messages(a, 'prepare 1').length, 0, 'a validator does not hear itself');
  });

  it('keeps the order of a burst of messages', async () => {
    const [a, b] = nodes as [P2PNode, P2PNode];
    const sent = Array.from({ length: 200 }, (_, i) => `burst ${i}`);
    for (const message of sent) a.sendConsensus(validatorKeys[1] as Uint8Array, bytes(message));
    const burst = () => (inbox.get(b) ?? []).filter((r) => r.message.startsWith('burst '));
    await waitFor(() => burst().length === sent.length, 'the whole burst');
    assert.deepEqual(
      burst().map((r) => r.message),
      sent,
    );
    assert.equal(messages(nodes[2] as P2PNode, 'burst 0').length, 0, 'sent to one validator only');
  });

  it('carries a large message and refuses one over the limit', async () => {
    const [a, b] = nodes as [P2PNode, P2PNode];
    const large = new Uint8Array(3 * 1024 * 1024).fill(7);
    large[0] = 0x4c; // 'L'
    let got: Uint8Array | undefined;
    b.onConsensus((data) => {
      if (data[0] === 0x4c) got = data;
    });
    a.sendConsensus(validatorKeys[1] as Uint8Array, large);
    await waitFor(() => got !== undefined, 'the large message');
    assert.deepEqual(got, large);
    listen(b);
    assert.throws(() => a.broadcastConsensus(new Uint8Array(4 * 1024 * 1024 + 1)), {
      code: 'P2P_MESSAGE_TOO_LARGE',
    });
    assert.throws(() => a.sendConsensus(publicKey(9), bytes('?')), RangeError);
    assert.throws(() => a.broadcastConsensus(new Uint8Array(0)), RangeError);
  });

  it('refuses consensus streams from a node that is not a validator', async () => {
    // An observer that believes itself a validator (its key is in its own list only).
    const intruder = await startNode(
      { key: 9, validatorKeys: [...validatorKeys, publicKey(9)], peers: nodes.map(tcpAddress) },
      started,
    );
    await waitFor(() => nodes.every((node) => connectedTo(node, intruder)), 'intruder connected');
    intruder.broadcastConsensus(bytes('forged commit'));
    // A validator's message sent after the intruder's arrives; the intruder's never does.
    (nodes[0] as P2PNode).broadcastConsensus(bytes('marker'));
    await waitFor(() => nodes.slice(1).every((n) => messages(n, 'marker').length === 1), 'marker');
    for (const node of nodes) assert.equal(messages(node, 'forged commit').length, 0);
    const peer = nodes[0]?.peers().find((p) => p.peerId === intruder.peerId);
    assert.equal(peer?.publicKey, undefined, 'an observer has no validator key');
    await intruder.stop();
  });

  it('redials a validator restarted on its old address', async () => {
    // The first validator lists no peers: the others must dial it again themselves.
    const first = nodes[0] as P2PNode;
    const others = nodes.slice(1);
    const address = tcpAddress(first);
    await first.stop();
    await waitFor(() => others.every((n) => !connectedTo(n, first)), 'the others notice');
    const tcp = address.slice(0, address.indexOf('/p2p/'));
    const again = await startNode({ key: 1, validatorKeys, listen: { tcp } }, started);
    listen(again);
    nodes[0] = again;
    await waitFor(() => others.every((n) => connectedTo(n, again)), 'redialled by the others');
    (nodes[1] as P2PNode).broadcastConsensus(bytes('after redial'));
    await waitFor(() => messages(again, 'after redial').length === 1, 'consensus resumes');
  });

  it('reconnects a validator restarted on a new port and resumes consensus', async () => {
    const [a, b, c, d] = nodes as [P2PNode, P2PNode, P2PNode, P2PNode];
    const oldAddress = tcpAddress(d);
    await d.stop();
    await waitFor(() => !connectedTo(a, d), 'the others notice the restart');
    const restarted = await startNode(
      { key: 4, validatorKeys, peers: [a, b, c].map(tcpAddress) },
      started,
    );
    listen(restarted);
    assert.notEqual(tcpAddress(restarted), oldAddress);
    assert.equal(restarted.peerId, d.peerId);
    await waitFor(
      () => [a, b, c].every((n) => connectedTo(n, restarted) && connectedTo(restarted, n)),
      'the restarted validator connected',
    );
    a.broadcastConsensus(bytes('view 2'));
    restarted.broadcastConsensus(bytes('view 2 ack'));
    await waitFor(() => messages(restarted, 'view 2').length === 1, 'consensus to the restarted');
    await waitFor(
      () => [a, b, c].every((n) => messages(n, 'view 2 ack').length === 1),
      'consensus from the restarted',
    );
  });
});
