// Transactions over gossipsub, topic /pvchain/<chain>/tx-batch/1 (docs/adr/0016). Every message
// is a TransactionBatch of one or more signed transactions: a publisher packs the transactions it
// is handed within a few milliseconds into one message (transaction-batcher.ts), so the cost of a
// message (Noise, yamux, gossipsub's framing, dedup and scoring) is paid once per batch. Messages
// are unsigned (a transaction carries its own signatures) and named by the SHA-256 of their
// bytes. Every message is validated before it is delivered or forwarded: the batch is
// size-checked and decoded first (malformed: rejected), then the node's validator judges its
// transactions together. Any rejected transaction rejects the batch (not forwarded, the sender
// penalised: an honest peer never sends one); otherwise the batch is forwarded if any
// transaction was accepted and dropped quietly if all were ignored. Publishing with no subscribed
// peer fails with P2P_NO_PEERS and leaves no trace, so the same transactions can be published
// again later; publishing a batch already seen does nothing.
import { createHash } from 'node:crypto';
import {
  type GossipSub,
  type GossipsubOpts,
  StrictNoSign,
  TopicValidatorResult,
} from '@libp2p/gossipsub';
import { decodeCanonical, MAX_TRANSACTION_BATCH_BYTES, pvchain } from '../../proto/index.ts';
import { P2PError } from './p2p-error.ts';
import { type BatchLimits, createTransactionBatcher, framedSize } from './transaction-batcher.ts';
import type { TransactionVerdict } from './types.ts';

export type TransactionValidator = (bytes: Uint8Array, from: string) => Promise<TransactionVerdict>;
export type TransactionBatchValidator = (
  transactions: Uint8Array[],
  from: string,
) => Promise<TransactionVerdict[]>;

/** Gossipsub's settings for a topic of transaction batches of at most maxMessageBytes. */
export function transactionGossipOptions(topic: string, maxMessageBytes: number) {
  return {
    globalSignaturePolicy: StrictNoSign,
    msgIdFn: (message) => createHash('sha256').update(message.data).digest(),
    allowedTopics: [topic],
    allowPublishToZeroTopicPeers: false,
    ignoreDuplicatePublishError: true,
    emitSelf: false,
    maxInboundDataLength: maxMessageBytes,
  } satisfies Partial<GossipsubOpts>;
}

export type TransactionGossipComponents = {
  pubsub: GossipSub;
  penalise(peerId: string, reason: string, amount?: number): void;
  log(message: string, error?: unknown): void;
};

export type TransactionGossip = {
  start(): void;
  stop(): Promise<void>;
  onTransaction(validate: TransactionValidator): void;
  onTransactions(validate: TransactionBatchValidator): void;
  /** One transaction, sent in the next batch (within `batch.delayMs`). */
  publish(bytes: Uint8Array): Promise<void>;
  /** Transactions sent now, in as few messages as the limits allow. */
  publishMany(transactions: Uint8Array[]): Promise<void>;
};

const VERDICTS: Record<TransactionVerdict, TopicValidatorResult> = {
  accept: TopicValidatorResult.Accept,
  reject: TopicValidatorResult.Reject,
  ignore: TopicValidatorResult.Ignore,
};

/** A rejected batch (malformed, or holding a rejected transaction) costs its sender this much. */
export const REJECTED_TRANSACTION_PENALTY = 10;

/** Batching of published transactions: at most 5 ms of waiting, 512 transactions, 256 KiB. */
export const DEFAULT_BATCH_LIMITS: BatchLimits = {
  delayMs: 5,
  maxTransactions: 512,
  maxBytes: 256 * 1024,
};

/** One verdict for a batch from the verdicts of its transactions. */
export function batchVerdict(verdicts: readonly TransactionVerdict[]): TransactionVerdict {
  if (verdicts.includes('reject')) return 'reject';
  return verdicts.includes('accept') ? 'accept' : 'ignore';
}

/** The transactions of a gossiped batch, or null when it is not a canonical, non-empty one. */
export function decodeTransactionBatch(data: Uint8Array): Uint8Array[] | null {
  try {
    const batch = decodeCanonical(pvchain.v1.TransactionBatch, data);
    return batch.transactions.length > 0 ? batch.transactions : null;
  } catch {
    return null;
  }
}

export function createTransactionGossip(
  options: { topic: string; maxMessageBytes: number; batch?: Partial<BatchLimits> | undefined },
  components: TransactionGossipComponents,
): TransactionGossip {
  const { topic, maxMessageBytes } = options;
  const { pubsub, penalise, log } = components;
  const limits: BatchLimits = { ...DEFAULT_BATCH_LIMITS, ...options.batch };
  limits.maxBytes = Math.min(limits.maxBytes, maxMessageBytes, MAX_TRANSACTION_BATCH_BYTES);
  let validateMany: TransactionBatchValidator | undefined;

  async function send(message: Uint8Array): Promise<void> {
    try {
      await pubsub.publish(topic, message);
    } catch (error) {
      if (error instanceof Error && error.message === 'PublishError.NoPeersSubscribedToTopic') {
        throw new P2PError('P2P_NO_PEERS', `no peer subscribes to ${topic}`);
      }
      throw error;
    }
  }
  const batcher = createTransactionBatcher(limits, send);

  function assertPublishable(bytes: unknown): asserts bytes is Uint8Array {
    if (!(bytes instanceof Uint8Array)) throw new TypeError('a transaction must be bytes');
    if (bytes.length === 0) throw new RangeError('a transaction must not be empty');
    if (framedSize(bytes) > limits.maxBytes) {
      throw new P2PError('P2P_MESSAGE_TOO_LARGE', `${bytes.length} > ${limits.maxBytes} bytes`, {
        sizeBytes: bytes.length,
        maxMessageBytes: limits.maxBytes,
      });
    }
  }

  async function validator(
    peer: { toString(): string },
    message: { data: Uint8Array },
  ): Promise<TopicValidatorResult> {
    const from = peer.toString();
    if (!validateMany) return TopicValidatorResult.Ignore;
    const transactions = decodeTransactionBatch(message.data);
    if (!transactions) {
      penalise(from, 'malformed transaction batch', REJECTED_TRANSACTION_PENALTY);
      return TopicValidatorResult.Reject;
    }
    let verdicts: TransactionVerdict[];
    try {
      verdicts = await validateMany(transactions, from);
    } catch (error) {
      log('transaction validator threw', error);
      return TopicValidatorResult.Ignore;
    }
    const result = VERDICTS[batchVerdict(verdicts)] ?? TopicValidatorResult.Ignore;
    if (result === TopicValidatorResult.Reject) {
      penalise(from, 'invalid transaction', REJECTED_TRANSACTION_PENALTY);
    }
    return result;
  }

  return {
    start() {
      pubsub.topicValidators.set(topic, validator);
      pubsub.subscribe(topic);
    },
    async stop() {
      await batcher.flush().catch((error) => log('last transaction batch not sent', error));
      pubsub.topicValidators.delete(topic);
    },
    onTransaction(validate) {
      validateMany = (transactions, from) =>
        Promise.all(transactions.map((bytes) => validate(bytes, from)));
    },
    onTransactions(validate) {
      validateMany = validate;
    },
    async publish(bytes) {
      assertPublishable(bytes);
      await batcher.add(bytes);
    },
    async publishMany(transactions) {
      if (!Array.isArray(transactions)) throw new TypeError('transactions must be an array');
      for (const bytes of transactions) assertPublishable(bytes);
      if (transactions.length > 0) await batcher.sendNow(transactions);
    },
  };
}
