// The direct consensus protocol /pvchain/<chain>/consensus/1: each validator keeps one long-lived
// outbound stream to every connected validator and writes length-prefixed messages on it; it reads
// the inbound streams the others opened. Messages from peers that are not validators are dropped
// unread. A stream that closes while its peer is still connected is reopened.
import type { Connection, Libp2p, PeerId, Stream } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { LengthPrefixedDecoder } from '@libp2p/utils';
import { encodeFrame } from './framing.ts';
import type { ValidatorSet } from './identity.ts';
import { P2PError } from './p2p-error.ts';
import type { ConsensusSender } from './types.ts';

export type ConsensusStreamsOptions = {
  protocol: string;
  /** This node's peer id: never a destination. */
  selfPeerId: string;
  maxMessageBytes: number;
  /** Frames kept per validator while its stream opens or drains; the oldest go first. */
  maxQueuedBytes?: number;
};

export type ConsensusStreamsComponents = {
  libp2p: Pick<Libp2p, 'handle' | 'unhandle' | 'dialProtocol' | 'getConnections'>;
  validators: ValidatorSet;
  penalise(peerId: string, reason: string, amount?: number): void;
  log(message: string, error?: unknown): void;
};

export type ConsensusStreams = {
  start(): Promise<void>;
  stop(): Promise<void>;
  onHandler(handler: (bytes: Uint8Array, from: ConsensusSender) => void): void;
  /** To every connected validator but this node. */
  broadcast(bytes: Uint8Array): void;
  send(peerId: string, bytes: Uint8Array): void;
  /** A validator connected: open our stream to it now rather than at the first message. */
  peerConnected(peerId: string): void;
  peerDisconnected(peerId: string): void;
  /** Frames dropped so far (validator not connected, or its queue full). */
  dropped(): number;
};

type Outbound = {
  peer: PeerId;
  stream?: Stream;
  opening: boolean;
  queue: Uint8Array[];
  queuedBytes: number;
  retryMs: number;
  retryTimer?: ReturnType<typeof setTimeout>;
};

const OPEN_TIMEOUT_MS = 10_000;
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;

export function createConsensusStreams(
  options: ConsensusStreamsOptions,
  components: ConsensusStreamsComponents,
): ConsensusStreams {
  const { protocol, maxMessageBytes } = options;
  const maxQueuedBytes = options.maxQueuedBytes ?? 4 * maxMessageBytes;
  const { libp2p, validators, penalise, log } = components;
  const outbound = new Map<string, Outbound>();
  let handler: ((bytes: Uint8Array, from: ConsensusSender) => void) | undefined;
  let running = false;
  let droppedFrames = 0;

  const peerIds = new Map<string, PeerId>();
  const peerOf = (peerId: string): PeerId => {
    const known = peerIds.get(peerId);
    if (known) return known;
    const peer = peerIdFromString(peerId);
    peerIds.set(peerId, peer);
    return peer;
  };
  const connected = (peer: PeerId) => libp2p.getConnections(peer).length > 0;

  function onInbound(stream: Stream, connection: Connection): void {
    const peerId = connection.remotePeer.toString();
    const decoder = new LengthPrefixedDecoder({
      maxDataLength: maxMessageBytes,
      maxBufferSize: maxMessageBytes + 16,
    });
    // Whether the sender is a validator is asked per message, not once per stream: a node that
    // joins the validator set (SET_VALIDATORS) is heard from then on, on the stream it opened.
    stream.addEventListener('message', (event) => {
      try {
        for (const message of decoder.decode(event.data)) {
          const publicKey = validators.publicKey(peerId);
          if (publicKey) deliver(message.slice(), { peerId, publicKey });
        }
      } catch (error) {
        penalise(peerId, 'oversized consensus message', 50);
        stream.abort(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  function deliver(bytes: Uint8Array, from: ConsensusSender): void {
    try {
      handler?.(bytes, from);
    } catch (error) {
      log('consensus handler threw', error);
    }
  }

  function entry(peerId: string): Outbound {
    let out = outbound.get(peerId);
    if (!out) {
      out = { peer: peerOf(peerId), opening: false, queue: [], queuedBytes: 0, retryMs: 0 };
      outbound.set(peerId, out);
    }
    return out;
  }

  function flush(out: Outbound): void {
    const stream = out.stream;
    while (stream && stream.status === 'open' && !stream.writableNeedsDrain && out.queue.length) {
      const frame = out.queue.shift() as Uint8Array;
      out.queuedBytes -= frame.length;
      stream.send(frame);
    }
  }

  function enqueue(out: Outbound, frame: Uint8Array): void {
    out.queue.push(frame);
    out.queuedBytes += frame.length;
    while (out.queuedBytes > maxQueuedBytes && out.queue.length > 1) {
      out.queuedBytes -= (out.queue.shift() as Uint8Array).length;
      droppedFrames++;
    }
    flush(out);
  }

  function scheduleOpen(out: Outbound): void {
    if (out.retryTimer || !running) return;
    out.retryMs = Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, out.retryMs * 2));
    out.retryTimer = setTimeout(() => {
      out.retryTimer = undefined;
      void open(out);
    }, out.retryMs);
  }

  async function open(out: Outbound): Promise<void> {
    if (!running || out.opening || out.stream || !connected(out.peer)) return;
    out.opening = true;
    try {
      const stream = await libp2p.dialProtocol(out.peer, protocol, {
        signal: AbortSignal.timeout(OPEN_TIMEOUT_MS),
      });
      if (!running || outbound.get(out.peer.toString()) !== out) {
        stream.abort(new Error('consensus stream no longer wanted'));
        return;
      }
      out.stream = stream;
      out.retryMs = 0;
      stream.addEventListener('drain', () => flush(out));
      stream.addEventListener('close', () => {
        if (out.stream !== stream) return;
        out.stream = undefined;
        if (running && connected(out.peer)) scheduleOpen(out);
      });
      flush(out);
    } catch (error) {
      log(`opening a consensus stream to ${out.peer} failed`, error);
      if (running && connected(out.peer)) scheduleOpen(out);
    } finally {
      out.opening = false;
    }
  }

  function sendFrame(peerId: string, frame: Uint8Array): void {
    const out = entry(peerId);
    if (!connected(out.peer)) {
      droppedFrames++;
      return;
    }
    if (out.stream && out.queue.length === 0 && !out.stream.writableNeedsDrain) {
      try {
        out.stream.send(frame);
        return;
      } catch {
        // The stream is closing: queue the frame for the next one.
      }
    }
    enqueue(out, frame);
    if (!out.stream) void open(out);
  }

  function frameOf(bytes: Uint8Array): Uint8Array {
    if (!(bytes instanceof Uint8Array)) throw new TypeError('a consensus message must be bytes');
    // libp2p's length-prefixed decoder yields no empty frames.
    if (bytes.length === 0) throw new RangeError('a consensus message cannot be empty');
    if (bytes.length > maxMessageBytes) {
      throw new P2PError('P2P_MESSAGE_TOO_LARGE', `${bytes.length} > ${maxMessageBytes} bytes`, {
        sizeBytes: bytes.length,
        maxMessageBytes,
      });
    }
    return encodeFrame(bytes);
  }

  function forget(peerId: string): void {
    const out = outbound.get(peerId);
    if (!out) return;
    outbound.delete(peerId);
    clearTimeout(out.retryTimer);
    droppedFrames += out.queue.length;
    out.stream?.abort(new Error('peer disconnected'));
  }

  return {
    async start() {
      running = true;
      await libp2p.handle(protocol, onInbound, { maxInboundStreams: 4, maxOutboundStreams: 4 });
    },
    async stop() {
      running = false;
      for (const peerId of [...outbound.keys()]) forget(peerId);
      await libp2p.unhandle(protocol);
    },
    onHandler(next) {
      handler = next;
    },
    broadcast(bytes) {
      const frame = frameOf(bytes);
      for (const peerId of validators.peerIds()) {
        if (peerId !== options.selfPeerId && connected(peerOf(peerId))) sendFrame(peerId, frame);
      }
    },
    send(peerId, bytes) {
      const frame = frameOf(bytes);
      if (peerId !== options.selfPeerId) sendFrame(peerId, frame);
    },
    peerConnected(peerId) {
      if (running && validators.has(peerId)) void open(entry(peerId));
    },
    peerDisconnected: forget,
    dropped: () => droppedFrames,
  };
}
