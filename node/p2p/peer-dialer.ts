// Keeps the configured peers (the other validators) connected: dials each at start and, whenever
// one is not connected, again with a growing delay (capped), never while it is banned.
import type { Libp2p, PeerId } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { type Multiaddr, multiaddr } from '@multiformats/multiaddr';

export type ConfiguredPeer = { peerId: PeerId; address: Multiaddr };

export type PeerDialerOptions = {
  minRetryMs?: number;
  maxRetryMs?: number;
  dialTimeoutMs?: number;
};

export type PeerDialerComponents = {
  libp2p: Pick<Libp2p, 'dial' | 'getConnections' | 'peerStore'>;
  banRemainingMs(peerId: string): number;
  log(message: string, error?: unknown): void;
};

export type PeerDialer = {
  start(): Promise<void>;
  stop(): void;
  /** A configured peer disconnected (or was unbanned): try again soon. */
  peerDisconnected(peerId: string): void;
};

/** The peer id and address of a multiaddr ending in /p2p/<peer id>; TypeError otherwise. */
export function parsePeerAddress(address: string): ConfiguredPeer {
  let parsed: Multiaddr;
  try {
    parsed = multiaddr(address);
  } catch (error) {
    throw new TypeError(`peer address ${address} is not a multiaddr`, { cause: error });
  }
  const id = parsed.getComponents().findLast((component) => component.name === 'p2p')?.value;
  if (!id) throw new TypeError(`peer address ${address} must end in /p2p/<peer id>`);
  // The peer store keeps transport addresses; the peer id is the key.
  return { peerId: peerIdFromString(id), address: parsed.decapsulateCode(P2P_CODE) };
}

const P2P_CODE = 0x01a5;

type State = { peer: ConfiguredPeer; retryMs: number; timer?: ReturnType<typeof setTimeout> };

export function createPeerDialer(
  peers: ConfiguredPeer[],
  options: PeerDialerOptions,
  components: PeerDialerComponents,
): PeerDialer {
  const minRetryMs = options.minRetryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 15_000;
  const dialTimeoutMs = options.dialTimeoutMs ?? 10_000;
  const { libp2p, banRemainingMs, log } = components;
  const states = new Map<string, State>();
  for (const peer of peers) states.set(peer.peerId.toString(), { peer, retryMs: 0 });
  let running = false;

  const connected = (state: State) => libp2p.getConnections(state.peer.peerId).length > 0;

  function schedule(state: State, delayMs: number): void {
    if (!running || state.timer) return;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void dial(state);
    }, delayMs);
  }

  async function dial(state: State): Promise<void> {
    if (!running || connected(state)) return;
    const banMs = banRemainingMs(state.peer.peerId.toString());
    if (banMs > 0) return schedule(state, banMs);
    try {
      // By peer id: the configured address and any learned since (identify) are all tried.
      await libp2p.dial(state.peer.peerId, { signal: AbortSignal.timeout(dialTimeoutMs) });
      state.retryMs = 0;
    } catch (error) {
      state.retryMs = Math.min(maxRetryMs, Math.max(minRetryMs, state.retryMs * 2));
      log(`dialling ${state.peer.peerId} failed; next try in ${state.retryMs} ms`, error);
      schedule(state, state.retryMs);
    }
  }

  return {
    async start() {
      running = true;
      for (const { peer } of states.values()) {
        await libp2p.peerStore.merge(peer.peerId, { multiaddrs: [peer.address] });
      }
      for (const state of states.values()) void dial(state);
    },
    stop() {
      running = false;
      for (const state of states.values()) {
        clearTimeout(state.timer);
        state.timer = undefined;
      }
    },
    peerDisconnected(peerId) {
      const state = states.get(peerId);
      if (state) schedule(state, Math.max(minRetryMs, state.retryMs));
    },
  };
}
