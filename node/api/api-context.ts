// What the API needs from the node (its components, ADR 0017), and what its routes share.

import type { z } from 'zod';
import type { HashAlgorithm } from '../../assembly/bindings/crypto.ts';
import type { KVStore } from '../../assembly/bindings/trie/index.ts';
import type { LedgerStore } from '../chain/ledger-store.ts';
import type { AccountRecord } from '../ledger/account-record.ts';
import type { Admission } from '../mempool/mempool.ts';
import type { CommittedBlock, CommitWatch } from './commit-watch.ts';
import type { LedgerReader } from './ledger-reader.ts';
import type { StateReader } from './state-reader.ts';

export type ApiComponents = {
  chainId: string;
  hash: HashAlgorithm;
  ledger: LedgerStore;
  /** account.db: the API reads the state trie at persisted heights. */
  accountDb: KVStore;
  stateHead(): Promise<{ height: bigint; root: Uint8Array } | null>;
  chain: {
    height(): bigint;
    last(): { hash: Uint8Array; timeMs: bigint } | null;
    /** The committed state, as it is right after a block is committed (WebSocket diffs). */
    account(address: Uint8Array): AccountRecord | undefined;
  };
  /** The validator set that signs the next block, the first height it signs, and its hash. */
  validators(): {
    validators: readonly { address: Uint8Array; publicKey: Uint8Array; votingPower: bigint }[];
    since: bigint;
    hash: Uint8Array;
  };
  /** This validator's address. */
  self: Uint8Array;
  mempool: { size(): number; has(hash: Uint8Array): boolean };
  submit(envelopes: Uint8Array[]): Promise<Admission[]>;
  onCommitted(listener: (block: CommittedBlock) => void): () => void;
  /** Transactions the pool admitted from elsewhere (gossip): WebSocket status pending. */
  onPoolAdmitted?(listener: (hashes: Uint8Array[]) => void): () => void;
  /** PBFT's view and phase and the connected peers; absent for a solo validator. */
  network?: {
    status(): { view: bigint; phase: string } | null;
    peers(): number;
    /** libp2p listen addresses with /p2p/<id> (browsers dial the WebRTC-direct and ws ones). */
    addresses?(): string[];
  } | null;
  /**
   * The trust root the web app's light client starts from, served as its `chain.json`: chain id,
   * hash, genesis block hash and time, the genesis validator set, the energy contract
   * (web/src/shared/config.ts).
   */
  chainJson?(): Promise<Record<string, unknown>>;
  /** The error that stopped block production, if any: submissions are refused then. */
  fatalError(): unknown;
  log?: (event: string, fields?: Record<string, unknown>) => void;
};

export type ApiLimits = {
  /** Largest request body (JSON or protobuf). */
  bodyLimitBytes: number;
  /** Most transactions in one submission. */
  maxBatch: number;
  /** Longest `?wait=committed` a client may ask for, and the default. */
  maxWaitMs: number;
  defaultWaitMs: number;
  /** Most items in one page. */
  maxPageSize: number;
  /** Requests per client (IP address) per window. */
  rateLimit: { max: number; windowMs: number };
  /** WebSocket: connections per client, subscriptions per connection, addresses in them. */
  ws: {
    maxConnectionsPerClient: number;
    maxSubscriptions: number;
    maxAddresses: number;
    maxMessageBytes: number;
    /** Messages per connection per second. */
    messagesPerSecond: number;
    /** A client that does not read: closed when this much is queued for it. */
    maxBufferedBytes: number;
  };
};

export type ApiContext = {
  components: ApiComponents;
  state: StateReader;
  ledger: LedgerReader;
  watch: CommitWatch;
  limits: ApiLimits;
};

export type Param = { description: string; schema: z.ZodType; required?: boolean };

/** One route: what it is for the OpenAPI document, and its handler. */
export type RouteSpec = {
  method: 'GET' | 'POST';
  /** In fastify's form: /v1/accounts/:address. */
  path: string;
  operationId: string;
  summary: string;
  params?: Record<string, Param>;
  query?: Record<string, Param>;
  body?: { schema: z.ZodType; protobuf?: string };
  response: z.ZodType;
  /** The error codes this route answers with besides the ones every route may. */
  errors: string[];
  handler(request: RouteRequest): Promise<unknown>;
};

export type RouteRequest = {
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: unknown;
  /** The body as raw bytes when it was sent as protobuf. */
  raw?: Uint8Array;
  /** Resolves when the client goes away (an abandoned wait stops early). */
  closed: AbortSignal;
};
