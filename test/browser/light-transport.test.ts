// The light client's libp2p transport in Chromium against real full nodes (the test server's
// network, test/browser/support/): WebRTC-direct first, WebSockets when WebRTC is off; the
// status of a node, then a batch of headers verified from the genesis set with light-client/verify.
import {
  createLibp2pTransport,
  type Libp2pTransport,
} from '../../light-client/client/libp2p-transport.ts';
import type { LightClientError } from '../../light-client/client/types.ts';
import {
  assertValidHeaderChain,
  createValidatorSet,
  trustBlock,
} from '../../light-client/verify/index.ts';
import { bigintToLong, longToBigint } from '../../proto/index.ts';
import { checkBytes, checkEqual } from '../shared/check.ts';
import { ask, type LightNetwork, lightNetwork } from './support/light-network.ts';

async function statusAndHeaders(net: LightNetwork, transport: Libp2pTransport, peer: string) {
  const status = (await ask(transport, peer, 'status', { status: {} })).status;
  checkEqual(status?.chainId, net.chainId, 'chain id');
  checkBytes(status?.genesisHash as Uint8Array, net.trustRoot.genesisHash, 'genesis hash');
  const head = longToBigint(status?.height ?? 0);
  checkEqual(head >= 3n, true, `head ${head} at least 3`);
  const count = Number(head < 20n ? head : 20n);
  const answer = await ask(transport, peer, 'headers', {
    headers: { startHeight: bigintToLong(1n), count },
  });
  const headers = answer.headers?.headers ?? [];
  checkEqual(headers.length, count, 'headers served');
  const root = net.trustRoot;
  const trusted = trustBlock(
    { height: 0n, hash: root.genesisHash, timeMs: root.genesisTimeMs },
    createValidatorSet('sha256', root.validators),
  );
  const last = assertValidHeaderChain(
    trusted,
    headers.map((h) => ({ header: h.header ?? {}, commit: h.commit ?? {} })),
    { chainId: net.chainId, hash: 'sha256' },
  );
  checkEqual(last.height, BigInt(count), 'verified up to');
}

describe('light client transport in Chromium', () => {
  it('fetches status and verified headers over WebRTC-direct', async () => {
    const net = await lightNetwork();
    const peer = net.honest[0];
    if (!peer) throw new Error('no full node');
    const transport = await createLibp2pTransport({ chainId: net.chainId, peers: [peer] });
    try {
      await statusAndHeaders(net, transport, peer.id);
      const via = transport.connectedVia(peer.id) ?? '';
      checkEqual(via.includes('/webrtc-direct/'), true, `connected via ${via}`);
    } finally {
      await transport.close();
    }
  });

  it('falls back to WebSockets when WebRTC is disabled', async () => {
    const net = await lightNetwork();
    const peer = net.honest[1];
    if (!peer) throw new Error('no full node');
    const transport = await createLibp2pTransport({
      chainId: net.chainId,
      peers: [peer],
      transports: ['websockets'],
    });
    try {
      await statusAndHeaders(net, transport, peer.id);
      const via = transport.connectedVia(peer.id) ?? '';
      checkEqual(via.includes('/ws/'), true, `connected via ${via}`);
    } finally {
      await transport.close();
    }
  });

  it('connects to the first node before any request when asked to preconnect', async () => {
    const net = await lightNetwork();
    const [first, second] = net.honest;
    if (!first || !second) throw new Error('two full nodes needed');
    const transport = await createLibp2pTransport({
      chainId: net.chainId,
      peers: [first, second],
      preconnect: true,
    });
    try {
      const deadline = Date.now() + 20_000;
      while (!transport.connectedVia(first.id) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      const via = transport.connectedVia(first.id) ?? '';
      checkEqual(via.includes('/webrtc-direct/'), true, `preconnected via ${via}`);
      checkEqual(transport.connectedVia(second.id), undefined, 'only the first node is dialled');
      await statusAndHeaders(net, transport, first.id);
    } finally {
      await transport.close();
    }
  });

  it('says LIGHT_UNREACHABLE for a node that does not answer', async () => {
    const net = await lightNetwork();
    const id = net.honest[2]?.id ?? '';
    const transport = await createLibp2pTransport({
      chainId: net.chainId,
      peers: [{ id, addresses: [`/ip4/127.0.0.1/tcp/9/ws/p2p/${id}`] }],
      dialTimeoutMs: 2000,
    });
    try {
      await ask(transport, id, 'status', { status: {} });
      throw new Error('an unreachable node answered');
    } catch (error) {
      checkEqual((error as LightClientError).code, 'LIGHT_UNREACHABLE', String(error));
    } finally {
      await transport.close();
    }
  });
});
