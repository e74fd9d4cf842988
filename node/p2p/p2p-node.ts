// createP2PNode: the libp2p layer of the full node (docs/adr/0012-p2p.md). It builds libp2p with
// the validator's key as identity and composes the consensus streams, transaction gossip,
// request-response protocols, peer scores and the dialer that keeps the validators connected.
import type { PeerId } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { createConsensusStreams } from './consensus-streams.ts';
import { createValidatorSet, libp2pPrivateKey, peerIdFromValidatorKey } from './identity.ts';
import { createPvchainLibp2p } from './libp2p-config.ts';
import { P2PError } from './p2p-error.ts';
import { createPeerDialer, parsePeerAddress } from './peer-dialer.ts';
import { createPeerScores } from './peer-scores.ts';
import { createRequestResponse } from './request-response.ts';
import { createTransactionGossip } from './transaction-gossip.ts';
import type { P2PNode, P2POptions, PeerEvent } from './types.ts';

export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_PENALTY = 10;

const CHAIN_ID = /^[A-Za-z0-9._-]{1,64}$/;
const PROTOCOL_NAME = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;
const RESERVED_NAMES = new Set(['consensus', 'tx', 'tx-batch']);

function positive(value: number | undefined, fallback: number, name: string): number {
  const out = value ?? fallback;
  if (!Number.isSafeInteger(out) || out <= 0) throw new RangeError(`${name} must be positive`);
  return out;
}

export async function createP2PNode(options: P2POptions): Promise<P2PNode> {
  if (!CHAIN_ID.test(options.chainId)) throw new TypeError(`invalid chain id ${options.chainId}`);
  const maxMessageBytes = positive(
    options.limits?.maxMessageBytes,
    DEFAULT_MAX_MESSAGE_BYTES,
    'maxMessageBytes',
  );
  const requestTimeoutMs = positive(
    options.limits?.requestTimeoutMs,
    DEFAULT_REQUEST_TIMEOUT_MS,
    'requestTimeoutMs',
  );
  const protocolOf = (name: string) => `/pvchain/${options.chainId}/${name}/1`;
  const privateKey = libp2pPrivateKey(options.secretKey);
  const validators = createValidatorSet(options.validatorKeys);
  const configured = options.peers.map(parsePeerAddress);
  const scores = createPeerScores(options.scoring);

  const listen = [options.listen.tcp, options.listen.ws, options.listen.webrtcDirect].filter(
    (address): address is string => typeof address === 'string',
  );
  const libp2p = await createPvchainLibp2p({
    privateKey,
    listen,
    webrtcDirect: options.listen.webrtcDirect !== undefined,
    txTopic: protocolOf('tx-batch'),
    maxMessageBytes,
    trustedAddresses: configured.map((peer) => peer.address),
    isBanned: (peerId) => scores.isBanned(peerId),
  });
  const selfPeerId = libp2p.peerId.toString();
  const log = libp2p.logger.forComponent('pvchain:p2p');
  const report = (message: string, error?: unknown) =>
    error === undefined ? log(message) : log('%s: %s', message, String(error));
  const peerHandlers: Array<(event: PeerEvent) => void> = [];
  let started = false;

  function penalise(peerId: string, reason: string, amount = DEFAULT_PENALTY): number {
    if (peerId === selfPeerId) return 0;
    const { score, banned } = scores.penalise(peerId, amount);
    log('penalised %s by %d for %s: score %d', peerId, amount, reason, score);
    if (banned) {
      log.error('banned %s (score %d, last: %s)', peerId, score, reason);
      Promise.resolve()
        .then(() => libp2p.hangUp(peerIdFromString(peerId)))
        .catch((error) => report('hang up failed', error));
    }
    return score;
  }
  const components = { libp2p, validators, penalise, log: report };
  const consensus = createConsensusStreams(
    { protocol: protocolOf('consensus'), selfPeerId, maxMessageBytes },
    components,
  );
  const requests = createRequestResponse({ maxMessageBytes, requestTimeoutMs }, components);
  const gossip = createTransactionGossip(
    { topic: protocolOf('tx-batch'), maxMessageBytes, batch: options.gossip },
    { pubsub: libp2p.services.pubsub, penalise, log: report },
  );
  const dialer = createPeerDialer(
    configured,
    {},
    { ...components, banRemainingMs: scores.banRemainingMs },
  );

  function emit(type: PeerEvent['type'], peer: PeerId): void {
    const peerId = peer.toString();
    if (type === 'connected') consensus.peerConnected(peerId);
    else {
      consensus.peerDisconnected(peerId);
      dialer.peerDisconnected(peerId);
    }
    for (const handler of peerHandlers) {
      try {
        handler({ type, peerId });
      } catch (error) {
        report('peer handler threw', error);
      }
    }
  }
  libp2p.addEventListener('peer:connect', (event) => emit('connected', event.detail));
  libp2p.addEventListener('peer:disconnect', (event) => emit('disconnected', event.detail));

  function assertName(name: string): string {
    if (!PROTOCOL_NAME.test(name) || RESERVED_NAMES.has(name)) {
      throw new TypeError(`invalid protocol name ${JSON.stringify(name)}`);
    }
    return protocolOf(name);
  }

  return {
    peerId: selfPeerId,
    multiaddrs: () => libp2p.getMultiaddrs().map(String),
    async start() {
      if (started) return;
      await libp2p.start();
      await consensus.start();
      gossip.start();
      started = true;
      await dialer.start();
    },
    async stop() {
      if (!started) return;
      started = false;
      dialer.stop();
      await gossip.stop();
      await consensus.stop();
      await libp2p.stop();
    },
    broadcastConsensus: (bytes) => consensus.broadcast(bytes),
    sendConsensus(validatorPublicKey, bytes) {
      const peerId = peerIdFromValidatorKey(validatorPublicKey);
      if (!validators.has(peerId)) throw new RangeError('that key is not a validator');
      consensus.send(peerId, bytes);
    },
    onConsensus: (handler) => consensus.onHandler(handler),
    setValidatorKeys(validatorKeys) {
      for (const peerId of validators.replace(validatorKeys)) consensus.peerConnected(peerId);
    },
    async publishTransaction(bytes) {
      if (!started) throw new P2PError('P2P_NOT_STARTED', 'publishTransaction before start');
      await gossip.publish(bytes);
    },
    async publishTransactions(transactions) {
      if (!started) throw new P2PError('P2P_NOT_STARTED', 'publishTransactions before start');
      await gossip.publishMany(transactions);
    },
    onTransaction: (validate) => gossip.onTransaction(validate),
    onTransactions: (validate) => gossip.onTransactions(validate),
    handle(name, handler) {
      const protocol = assertName(name);
      requests.handle(protocol, handler).catch((error) => report(`handle ${protocol}`, error));
    },
    async request(peerId, name, request, requestOptions) {
      const protocol = assertName(name);
      if (!started) throw new P2PError('P2P_NOT_STARTED', `request ${protocol} before start`);
      return requests.request(peerId, protocol, request, requestOptions);
    },
    peers: () =>
      libp2p.getPeers().map((peer) => {
        const peerId = peer.toString();
        const publicKey = validators.publicKey(peerId);
        return publicKey ? { peerId, publicKey } : { peerId };
      }),
    penalise,
    score: (peerId) => scores.score(peerId),
    onPeer: (handler) => peerHandlers.push(handler),
  };
}
