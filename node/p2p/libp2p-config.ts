// The libp2p configuration of a pvchain node: TCP (validators), WebSockets and, when asked,
// WebRTC-direct (browsers); Noise and Yamux; identify; gossipsub for transactions. Banned peers
// are refused by the connection gater; connections from the configured peers' hosts are never
// refused for capacity.
import { gossipsub } from '@libp2p/gossipsub';
import { identify } from '@libp2p/identify';
import type { ConnectionGater, PeerId, PrivateKey } from '@libp2p/interface';
import { noise } from '@libp2p/noise';
import { tcp } from '@libp2p/tcp';
import { webSockets } from '@libp2p/websockets';
import { yamux } from '@libp2p/yamux';
import type { Multiaddr } from '@multiformats/multiaddr';
import { createLibp2p, type Libp2pOptions } from 'libp2p';
import { transactionGossipOptions } from './transaction-gossip.ts';

export type Libp2pConfig = {
  privateKey: PrivateKey;
  listen: string[];
  /** Whether to load the WebRTC-direct transport (node-datachannel, a native module). */
  webrtcDirect: boolean;
  txTopic: string;
  maxMessageBytes: number;
  /** Transport addresses of the configured peers: their hosts bypass the connection limits. */
  trustedAddresses: Multiaddr[];
  isBanned(peerId: string): boolean;
};

function gater(isBanned: (peerId: string) => boolean): ConnectionGater {
  const deny = (peerId: PeerId) => isBanned(peerId.toString());
  return {
    denyDialPeer: deny,
    denyInboundEncryptedConnection: deny,
    denyOutboundEncryptedConnection: deny,
  };
}

/** The host part (/ip4/x or /ip6/x or /dns.../x) of each address, for the connection manager. */
function hosts(addresses: Multiaddr[]): string[] {
  const out = new Set<string>();
  for (const address of addresses) {
    const host = address.getComponents()[0];
    if (host?.value && (host.name === 'ip4' || host.name === 'ip6')) {
      out.add(`/${host.name}/${host.value}`);
    }
  }
  return [...out];
}

export async function createPvchainLibp2p(config: Libp2pConfig) {
  const transports: NonNullable<Libp2pOptions['transports']> = [tcp(), webSockets()];
  if (config.webrtcDirect) {
    // Loaded only when asked for: it loads node-datachannel's native binary.
    const { webRTCDirect } = await import('@libp2p/webrtc');
    transports.push(webRTCDirect());
  }
  return createLibp2p({
    start: false,
    privateKey: config.privateKey,
    addresses: { listen: config.listen },
    transports,
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: gater(config.isBanned),
    connectionManager: { allow: hosts(config.trustedAddresses) },
    services: {
      identify: identify(),
      pubsub: gossipsub(transactionGossipOptions(config.txTopic, config.maxMessageBytes)),
    },
  });
}

export type PvchainLibp2p = Awaited<ReturnType<typeof createPvchainLibp2p>>;
