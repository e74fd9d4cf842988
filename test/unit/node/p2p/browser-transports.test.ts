// The transports browsers dial: a WebSockets listener and a WebRTC-direct listener, each dialled
// by a plain libp2p client (as the light client will be) that speaks the request-response wire
// format itself: a length-prefixed request, a length-prefixed status byte and body.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { noise } from '@libp2p/noise';
import { lpStream } from '@libp2p/utils';
import { webRTCDirect } from '@libp2p/webrtc';
import { webSockets } from '@libp2p/websockets';
import { yamux } from '@libp2p/yamux';
import { multiaddr } from '@multiformats/multiaddr';
import { createLibp2p, type Libp2p, type Libp2pOptions } from 'libp2p';
import type { P2PNode } from '../../../../node/p2p/index.ts';
import { bytes, CHAIN_ID, startNode, stopAll, text } from './harness.ts';

const ECHO = `/pvchain/${CHAIN_ID}/echo/1`;

async function client(transport: NonNullable<Libp2pOptions['transports']>[number]) {
  return createLibp2p({
    transports: [transport],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
  });
}

/** One request by hand: the frames the node's request-response protocol exchanges. */
async function echoOver(libp2p: Libp2p, address: string, request: string): Promise<string> {
  const stream = await libp2p.dialProtocol(multiaddr(address), ECHO, {
    signal: AbortSignal.timeout(8_000),
  });
  const lp = lpStream(stream);
  await lp.write(bytes(request));
  await stream.close();
  const frame = (await lp.read({ signal: AbortSignal.timeout(8_000) })).slice();
  assert.equal(frame[0], 0, 'status OK');
  return text(frame.subarray(1));
}

describe('p2p browser transports', { timeout: 20_000 }, () => {
  const started: P2PNode[] = [];
  const clients: Libp2p[] = [];
  let node: P2PNode;

  before(async () => {
    node = await startNode(
      {
        key: 1,
        listen: {
          tcp: '/ip4/127.0.0.1/tcp/0',
          ws: '/ip4/127.0.0.1/tcp/0/ws',
          webrtcDirect: '/ip4/127.0.0.1/udp/0/webrtc-direct',
        },
      },
      started,
    );
    node.handle('echo', async (request, from) => bytes(`${from.slice(-6)} ${text(request)}`));
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.stop()));
    await stopAll(started);
  });

  const address = (pattern: RegExp) => {
    const found = node.multiaddrs().find((a) => pattern.test(a));
    assert.ok(found, `no address matching ${pattern} in ${node.multiaddrs().join(', ')}`);
    return found;
  };

  it('listens on TCP, WebSockets and WebRTC-direct, each address with its peer id', () => {
    assert.match(address(/\/tcp\/\d+\/p2p\//), new RegExp(`/p2p/${node.peerId}$`));
    assert.match(address(/\/tcp\/\d+\/ws\/p2p\//), new RegExp(`/p2p/${node.peerId}$`));
    assert.match(address(/\/webrtc-direct\/certhash\/[\w-]+\/p2p\//), /\/udp\/\d+\//);
  });

  it('serves a libp2p client over WebSockets', async () => {
    const ws = await client(webSockets());
    clients.push(ws);
    const answer = await echoOver(ws, address(/\/ws\/p2p\//), 'over ws');
    assert.equal(answer, `${ws.peerId.toString().slice(-6)} over ws`);
    assert.ok(node.peers().some((peer) => peer.peerId === ws.peerId.toString()));
  });

  it('serves a libp2p client over WebRTC-direct', async () => {
    const rtc = await client(webRTCDirect());
    clients.push(rtc);
    const answer = await echoOver(rtc, address(/\/webrtc-direct\//), 'over webrtc');
    assert.equal(answer, `${rtc.peerId.toString().slice(-6)} over webrtc`);
  });
});
