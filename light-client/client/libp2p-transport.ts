// The light client's LightTransport on libp2p (docs/adr/0021-light-client-transport.md): in the
// browser it dials full nodes over WebRTC-direct first and WebSockets second, Noise and Yamux on
// top; one request per stream in the framing of the node's request-response protocols
// (/pvchain/<chain>/<name>/1, ADR 0012). Bounded in time and size; a failed connection is
// dropped and dialled again, by the next address of the node, within the request's time.
import { noise } from '@libp2p/noise';
import { lpStream } from '@libp2p/utils';
import { webRTCDirect } from '@libp2p/webrtc';
import { webSockets } from '@libp2p/websockets';
import { yamux } from '@libp2p/yamux';
import { multiaddr } from '@multiformats/multiaddr';
import { createLibp2p, type Libp2p } from 'libp2p';
import { parseResponseFrame, ResponseStatus } from './response-frame.ts';
import {
  type FullNodePeer,
  LightClientError,
  LightClientErrorCode,
  type LightProtocol,
  type LightTransport,
} from './types.ts';

export type BrowserTransportKind = 'webrtc-direct' | 'websockets';

export type Libp2pTransportOptions = {
  chainId: string;
  /** Full nodes in order of preference, each with its addresses (with /p2p/<id>). */
  peers: readonly FullNodePeer[];
  /** Which transports to use; default both, WebRTC-direct addresses dialled first. */
  transports?: readonly BrowserTransportKind[];
  /** Most time one dial of one address may take. Default 5 s. */
  dialTimeoutMs?: number;
  /** Further attempts after a connection or stream fails (within the request's time). Default 1. */
  retries?: number;
  /** Largest request body. Default 128 KiB (a submit-tx request and its envelope). */
  maxRequestBytes?: number;
  /** Start connecting to the first node at once, before the first request (a page's start). */
  preconnect?: boolean;
};

const isWebRtc = (address: string) => address.includes('/webrtc-direct');
const isWebSocket = (address: string) => /\/wss?(\/|$)/.test(address);

/** The peer's addresses the enabled transports can dial, WebRTC-direct first. */
export function dialOrder(
  addresses: readonly string[],
  transports: readonly BrowserTransportKind[],
): string[] {
  const webrtc = transports.includes('webrtc-direct') ? addresses.filter(isWebRtc) : [];
  const ws = transports.includes('websockets') ? addresses.filter(isWebSocket) : [];
  return [...webrtc, ...ws];
}

const { TIMEOUT, UNREACHABLE, MALFORMED } = LightClientErrorCode;

function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (typeof Event !== 'undefined' && error instanceof Event) {
    const cause = (error as Event & { error?: unknown }).error;
    return cause instanceof Error ? cause : new Error(`the stream ended (${error.type})`);
  }
  return new Error(String(error));
}

export type Libp2pTransport = LightTransport & {
  /** The address a full node was last reached at (which transport won), if any. */
  connectedVia(peer: string): string | undefined;
};

export async function createLibp2pTransport(
  options: Libp2pTransportOptions,
): Promise<Libp2pTransport> {
  const kinds = options.transports ?? ['webrtc-direct', 'websockets'];
  const dialTimeoutMs = options.dialTimeoutMs ?? 5000;
  const retries = options.retries ?? 1;
  const maxRequestBytes = options.maxRequestBytes ?? 128 * 1024;
  const peers = options.peers.map((p) => ({ id: p.id, addresses: dialOrder(p.addresses, kinds) }));
  const node: Libp2p = await createLibp2p({
    transports: [
      ...(kinds.includes('webrtc-direct') ? [webRTCDirect()] : []),
      ...(kinds.includes('websockets') ? [webSockets()] : []),
    ],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    // Full nodes are named by the page: dial them whatever their address (loopback in tests,
    // plain ws on a LAN); libp2p's browser default refuses private addresses and plain ws.
    connectionGater: { denyDialMultiaddr: () => false },
  });
  const dials = new Map<string, ReturnType<Libp2p['dial']>>();
  /** The address that connected, per peer (the benchmark and the UI say which transport won). */
  const connectedVia = new Map<string, string>();

  async function dialAddresses(peer: (typeof peers)[number], signal: AbortSignal) {
    const failures: string[] = [];
    for (const address of peer.addresses) {
      const dialSignal = AbortSignal.any([signal, AbortSignal.timeout(dialTimeoutMs)]);
      try {
        const connection = await node.dial(multiaddr(address), { signal: dialSignal });
        connectedVia.set(peer.id, address);
        return connection;
      } catch (error) {
        if (signal.aborted) throw error;
        failures.push(`${address}: ${asError(error).message}`);
      }
    }
    throw new LightClientError(UNREACHABLE, `no address of ${peer.id} answered`, {
      peer: peer.id,
      failures,
    });
  }

  function connection(peerId: string, signal: AbortSignal) {
    const peer = peers.find((p) => p.id === peerId);
    if (!peer) throw new RangeError(`unknown full node ${peerId}`);
    const open = node.getConnections().find((c) => c.remotePeer.toString() === peerId);
    if (open && open.status === 'open') return Promise.resolve(open);
    let pending = dials.get(peerId);
    if (!pending) {
      pending = dialAddresses(peer, signal);
      dials.set(peerId, pending);
      pending.then(
        () => dials.delete(peerId),
        () => dials.delete(peerId),
      );
    }
    return pending;
  }

  /** One attempt: a stream, the request written and half-closed, one status frame read. */
  async function attempt(
    peerId: string,
    protocol: string,
    body: Uint8Array,
    maxResponseBytes: number,
    signal: AbortSignal,
  ): Promise<Uint8Array> {
    const conn = await connection(peerId, signal);
    const stream = await conn.newStream(protocol, { signal });
    let done = false;
    try {
      const lp = lpStream(stream, { maxDataLength: maxResponseBytes + 1 });
      const response = lp.read({ signal });
      response.catch(() => {});
      lp.write(body, { signal })
        .then(() => stream.close({ signal }))
        .catch(() => {});
      const frame = (await response).slice();
      done = true;
      return frame;
    } finally {
      if (!done) stream.abort(new Error('request failed'));
    }
  }

  function answer(frame: Uint8Array, protocol: string, peer: string): Uint8Array {
    const parsed = parseResponseFrame(frame);
    if (parsed.status === ResponseStatus.OK) return parsed.body;
    if (parsed.status === 'unknown')
      throw new LightClientError(MALFORMED, `${peer} answered status ${parsed.byte}`, {
        peer,
        protocol,
      });
    const code = parsed.status === ResponseStatus.TIMEOUT ? TIMEOUT : UNREACHABLE;
    throw new LightClientError(code, `${peer} refused ${protocol}: ${parsed.reason}`, {
      peer,
      protocol,
      remoteStatus: parsed.status,
      reason: parsed.reason,
    });
  }

  const closing = new AbortController();
  const first = peers[0];
  if (options.preconnect && first) connection(first.id, closing.signal).catch(() => {});

  return {
    peers: () => peers,
    async request(peer, name: LightProtocol, body, opts) {
      if (!(body instanceof Uint8Array)) throw new TypeError('a request body must be bytes');
      if (body.length > maxRequestBytes)
        throw new RangeError(`a request of ${body.length} bytes exceeds ${maxRequestBytes}`);
      const protocol = `/pvchain/${options.chainId}/${name}/1`;
      const timeout = AbortSignal.timeout(opts.timeoutMs);
      const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
      const meta = { peer, protocol };
      let last: unknown;
      for (let attemptNo = 0; attemptNo <= retries; attemptNo++) {
        try {
          const frame = await attempt(peer, protocol, body, opts.maxResponseBytes, signal);
          return answer(frame, protocol, peer);
        } catch (error) {
          // The node's own refusals and bad answers are final; only failed connections retry.
          if (
            error instanceof LightClientError &&
            (error.code !== UNREACHABLE || 'remoteStatus' in error.details)
          )
            throw error;
          if (error instanceof RangeError) throw error;
          if (timeout.aborted)
            throw new LightClientError(
              TIMEOUT,
              `${protocol}: no answer in ${opts.timeoutMs} ms`,
              meta,
            );
          if (opts.signal?.aborted) throw opts.signal.reason ?? asError(error);
          if (asError(error).name === 'InvalidDataLengthError')
            throw new LightClientError(
              MALFORMED,
              `${protocol}: answer over ${opts.maxResponseBytes} bytes`,
              meta,
            );
          // The connection may have gone stale: drop it and dial afresh.
          last = error;
          for (const c of node.getConnections())
            if (c.remotePeer.toString() === peer) await c.close().catch(() => {});
        }
      }
      if (last instanceof LightClientError) throw last;
      throw new LightClientError(UNREACHABLE, `${protocol}: ${asError(last).message}`, meta);
    },
    async close() {
      closing.abort();
      await node.stop();
    },
    connectedVia: (peer) => connectedVia.get(peer),
  };
}
