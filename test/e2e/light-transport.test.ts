// The light client's libp2p transport (light-client/client/libp2p-transport.ts) in Node against
// the four-validator network: status and headers over WebRTC-direct and over WebSockets alone,
// a node that is down answered LIGHT_UNREACHABLE, a response limit LIGHT_MALFORMED, and a
// request past its time LIGHT_TIMEOUT. The browser runs the same in test/browser/.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createLibp2pTransport } from '../../light-client/client/libp2p-transport.ts';
import { LightClientError } from '../../light-client/client/types.ts';
import { peerIdFromValidatorKey } from '../../node/p2p/index.ts';
import { decodeSyncResponse } from '../../node/sync/sync-wire.ts';
import { bigintToLong, encodeCanonical, longToBigint, pvchain } from '../../proto/index.ts';
import { CHAIN_ID, publicKey } from '../support/community.ts';
import { createTestNetwork, networkValidatorKey, type TestNetwork } from '../support/network.ts';

const v1 = pvchain.v1;
let n: TestNetwork;
const peerOf = (i: number) => ({
  id: peerIdFromValidatorKey(publicKey(networkValidatorKey(i))),
  addresses: n.browserAddresses(i),
});
const statusRequest = encodeCanonical(v1.SyncRequest, { status: {} });
const limits = { timeoutMs: 10_000, maxResponseBytes: 1 << 20 };

before(async () => {
  n = await createTestNetwork();
  for (let i = 0; i < 4; i++) n.start(i);
  await n.waitFor(
    'height 2 on all four',
    () => [0, 1, 2, 3].every((i) => n.height(i) >= 2),
    60_000,
  );
});
after(() => n?.close());

it('asks status and headers over WebRTC-direct first', async () => {
  const peer = peerOf(0);
  const transport = await createLibp2pTransport({ chainId: CHAIN_ID, peers: [peer] });
  try {
    const status = decodeSyncResponse(
      await transport.request(peer.id, 'status', statusRequest, limits),
    );
    assert.equal(status.status?.chainId, CHAIN_ID);
    assert.ok(longToBigint(status.status?.height ?? 0) >= 2n);
    assert.match(transport.connectedVia(peer.id) ?? '', /\/webrtc-direct\//);
    const headers = decodeSyncResponse(
      await transport.request(
        peer.id,
        'headers',
        encodeCanonical(v1.SyncRequest, { headers: { startHeight: bigintToLong(1n), count: 2 } }),
        limits,
      ),
    );
    assert.equal(headers.headers?.headers?.length, 2);
  } finally {
    await transport.close();
  }
});

it('uses WebSockets when WebRTC is off, and says what failed', async () => {
  const peer = peerOf(1);
  const transport = await createLibp2pTransport({
    chainId: CHAIN_ID,
    peers: [peer, { id: peerOf(2).id, addresses: ['/ip4/127.0.0.1/tcp/1/ws'] }],
    transports: ['websockets'],
    dialTimeoutMs: 2000,
  });
  try {
    const status = decodeSyncResponse(
      await transport.request(peer.id, 'status', statusRequest, limits),
    );
    assert.equal(status.status?.chainId, CHAIN_ID);
    assert.match(transport.connectedVia(peer.id) ?? '', /\/ws\//);
    await assert.rejects(
      transport.request(peerOf(2).id, 'status', statusRequest, limits),
      (e) => e instanceof LightClientError && e.code === 'LIGHT_UNREACHABLE',
    );
    await assert.rejects(
      transport.request(peer.id, 'status', statusRequest, { ...limits, maxResponseBytes: 8 }),
      (e) => e instanceof LightClientError && e.code === 'LIGHT_MALFORMED',
    );
    await assert.rejects(
      transport.request(peer.id, 'status', statusRequest, { ...limits, timeoutMs: 1 }),
      (e) => e instanceof LightClientError && e.code === 'LIGHT_TIMEOUT',
    );
  } finally {
    await transport.close();
  }
});

it("names the node's current browser addresses in its API's /v1/status", async () => {
  const status = (await (await fetch(`${n.validators[2]?.apiUrl}/v1/status`)).json()) as {
    addresses: string[];
  };
  const peer = peerOf(2);
  for (const address of peer.addresses) assert.ok(status.addresses.includes(address), address);
  const transport = await createLibp2pTransport({
    chainId: CHAIN_ID,
    peers: [{ id: peer.id, addresses: status.addresses }],
  });
  try {
    const answer = decodeSyncResponse(
      await transport.request(peer.id, 'status', statusRequest, limits),
    );
    assert.equal(answer.status?.chainId, CHAIN_ID);
  } finally {
    await transport.close();
  }
});
