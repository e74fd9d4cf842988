// The public shape of the p2p layer (docs/adr/0012-p2p.md). Consensus and block sync are written
// against these types; node/node.ts wires them.

/** What a transaction validator decides: deliver and forward, penalise the sender, or drop. */
export type TransactionVerdict = 'accept' | 'reject' | 'ignore';

export type P2POptions = {
  /** The chain id: every protocol is named /pvchain/<chainId>/<name>/1. */
  chainId: string;
  /**
   * The validator's (or node's) 32-byte Ed25519 secret key: the libp2p identity is derived from
   * it, so a peer id authenticates a validator through Noise.
   */
  secretKey: Uint8Array;
  listen: {
    /** e.g. '/ip4/127.0.0.1/tcp/0' */
    tcp?: string;
    /** e.g. '/ip4/127.0.0.1/tcp/0/ws' */
    ws?: string;
    /** e.g. '/ip4/0.0.0.0/udp/0/webrtc-direct' (browsers; loads node-datachannel on demand). */
    webrtcDirect?: string;
  };
  /** Multiaddrs (with /p2p/<peer id>) of peers to dial and keep connected (the other validators). */
  peers: string[];
  /** Public keys (32 bytes) of the validators: only they may open consensus streams. */
  validatorKeys: Uint8Array[];
  limits?: {
    /** Largest consensus message, transaction, request or response. Default 4 MiB. */
    maxMessageBytes?: number;
    /** Default timeout of a request (and of a request handler). Default 10 s. */
    requestTimeoutMs?: number;
  };
  /** How published transactions are packed into gossip messages (TransactionBatch). */
  gossip?: {
    /** How long the first transaction of a batch waits for others. Default 5 ms. */
    delayMs?: number;
    /** Most transactions in one message. Default 512. */
    maxTransactions?: number;
    /** Most bytes in one message (at most maxMessageBytes and 1 MiB). Default 256 KiB. */
    maxBytes?: number;
  };
  scoring?: {
    /** At or below this score a peer is disconnected and refused. Default -100. */
    banThreshold?: number;
    /** How long a banned peer is refused. Default 5 minutes. */
    banMs?: number;
    /** Points a penalised peer regains per second, up to 0. Default 1. */
    recoveryPerSecond?: number;
  };
};

export type ConsensusSender = { peerId: string; publicKey: Uint8Array };

export type PeerEvent = { type: 'connected' | 'disconnected'; peerId: string };

export type RequestOptions = { timeoutMs?: number; signal?: AbortSignal };

export type P2PNode = {
  /** This node's peer id (string form). */
  peerId: string;
  /** Listening addresses including /p2p/<id>. */
  multiaddrs(): string[];
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Sends a consensus message to every connected validator over /pvchain/<chain>/consensus/1
   * (long-lived length-prefixed streams, reopened on reconnect). Messages to a validator that is
   * not connected are dropped: consensus retransmits.
   */
  broadcastConsensus(bytes: Uint8Array): void;
  /**
   * Replaces the validators whose consensus streams are accepted (a validator-set change); streams
   * to connected peers that joined are opened. Configured peers stay dialed either way.
   */
  setValidatorKeys(validatorKeys: Uint8Array[]): void;
  sendConsensus(validatorPublicKey: Uint8Array, bytes: Uint8Array): void;
  onConsensus(handler: (bytes: Uint8Array, from: ConsensusSender) => void): void;
  /**
   * Publishes on the gossipsub topic /pvchain/<chain>/tx-batch/1, packed with the transactions
   * published within `gossip.delayMs` into one TransactionBatch message; settles when that
   * message was sent (P2P_NO_PEERS: nothing was sent).
   */
  publishTransaction(bytes: Uint8Array): Promise<void>;
  /** Publishes transactions at once, in as few TransactionBatch messages as the limits allow. */
  publishTransactions(transactions: Uint8Array[]): Promise<void>;
  /**
   * Validates (and so receives) every gossiped transaction before its batch is forwarded. A
   * batch is forwarded when no transaction was rejected and at least one accepted; a rejected
   * one costs the sender score. The last of onTransaction / onTransactions called is used.
   */
  onTransaction(validate: (bytes: Uint8Array, from: string) => Promise<TransactionVerdict>): void;
  /** As onTransaction, with the transactions of a batch together: one verdict each, in order. */
  onTransactions(
    validate: (transactions: Uint8Array[], from: string) => Promise<TransactionVerdict[]>,
  ): void;
  /** Serves /pvchain/<chain>/<name>/1: one request, one response, length-prefixed, size-limited. */
  handle(name: string, handler: (request: Uint8Array, from: string) => Promise<Uint8Array>): void;
  request(
    peerId: string,
    name: string,
    request: Uint8Array,
    options?: RequestOptions,
  ): Promise<Uint8Array>;
  /** Connected peers (peer id and, when it is a validator, its public key). */
  peers(): { peerId: string; publicKey?: Uint8Array }[];
  /** Lowers a peer's score; at the ban threshold the peer is disconnected and refused a while. */
  penalise(peerId: string, reason: string, amount?: number): number;
  score(peerId: string): number;
  onPeer(handler: (event: PeerEvent) => void): void;
};
