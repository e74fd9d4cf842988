// A LightTransport for Node (tests, and Node users of pvchain/light-client) over a started
// node/p2p P2PNode: the light-client protocols as /pvchain/<chain>/<name>/1 requests, the p2p
// layer's errors mapped to the light client's codes. light-client/ may not import node/, so this
// lives with the tests.
import {
  type FullNodePeer,
  LightClientError,
  LightClientErrorCode,
  type LightTransport,
} from '../../light-client/index.ts';
import { P2PError, type P2PNode } from '../../node/p2p/index.ts';

export type NodeLightTransportOptions = {
  /** The full nodes, in order of preference. */
  peers: FullNodePeer[];
  /** Stop the p2p node when the transport closes (default false: its owner stops it). */
  stopOnClose?: boolean;
};

export function createNodeLightTransport(
  p2p: P2PNode,
  opts: NodeLightTransportOptions,
): LightTransport {
  let closed = false;
  return {
    peers: () => opts.peers,
    async request(peer, protocol, body, options) {
      if (closed) throw new LightClientError(LightClientErrorCode.UNREACHABLE, 'closed', { peer });
      let answer: Uint8Array;
      try {
        answer = await p2p.request(peer, protocol, body, {
          timeoutMs: options.timeoutMs,
          ...(options.signal ? { signal: options.signal } : {}),
        });
      } catch (error) {
        if (!(error instanceof P2PError)) throw error;
        const code =
          error.code === 'P2P_TIMEOUT'
            ? LightClientErrorCode.TIMEOUT
            : LightClientErrorCode.UNREACHABLE;
        throw new LightClientError(code, error.message, { peer, protocol, p2pCode: error.code });
      }
      if (answer.length > options.maxResponseBytes)
        throw new LightClientError(LightClientErrorCode.MALFORMED, `${answer.length} bytes`, {
          peer,
          protocol,
        });
      return answer;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (opts.stopOnClose) await p2p.stop();
    },
  };
}
