// Transactions over gossipsub, topic /pvchain/<chain>/tx/1. Messages are unsigned (a transaction
// carries its own signatures) and named by the SHA-256 of their bytes, so the same transaction
// from two nodes is one message. Every message is validated before it is delivered or forwarded:
// the node's validator says accept, reject (the peer that sent it is penalised) or ignore.
// Publishing with no subscribed peer fails with P2P_NO_PEERS and leaves no trace, so the same
// transaction can be published again later; publishing one already seen does nothing.
import { createHash } from 'node:crypto';
import {
  type GossipSub,
  type GossipsubOpts,
  StrictNoSign,
  TopicValidatorResult,
} from '@libp2p/gossipsub';
import { P2PError } from './p2p-error.ts';
import type { TransactionVerdict } from './types.ts';

export type TransactionValidator = (bytes: Uint8Array, from: string) => Promise<TransactionVerdict>;

/** Gossipsub's settings for a topic of transactions of at most maxMessageBytes. */
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
  stop(): void;
  onTransaction(validate: TransactionValidator): void;
  publish(bytes: Uint8Array): Promise<void>;
};

const VERDICTS: Record<TransactionVerdict, TopicValidatorResult> = {
  accept: TopicValidatorResult.Accept,
  reject: TopicValidatorResult.Reject,
  ignore: TopicValidatorResult.Ignore,
};

/** A rejected transaction costs its sender this much score. */
export const REJECTED_TRANSACTION_PENALTY = 10;

export function createTransactionGossip(
  options: { topic: string; maxMessageBytes: number },
  components: TransactionGossipComponents,
): TransactionGossip {
  const { topic, maxMessageBytes } = options;
  const { pubsub, penalise, log } = components;
  let validate: TransactionValidator | undefined;

  async function validator(
    peer: { toString(): string },
    message: { data: Uint8Array },
  ): Promise<TopicValidatorResult> {
    const from = peer.toString();
    if (!validate) return TopicValidatorResult.Ignore;
    let verdict: TransactionVerdict;
    try {
      verdict = await validate(message.data, from);
    } catch (error) {
      log('transaction validator threw', error);
      return TopicValidatorResult.Ignore;
    }
    const result = VERDICTS[verdict] ?? TopicValidatorResult.Ignore;
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
    stop() {
      pubsub.topicValidators.delete(topic);
    },
    onTransaction(next) {
      validate = next;
    },
    async publish(bytes) {
      if (!(bytes instanceof Uint8Array)) throw new TypeError('a transaction must be bytes');
      if (bytes.length > maxMessageBytes) {
        throw new P2PError('P2P_MESSAGE_TOO_LARGE', `${bytes.length} > ${maxMessageBytes} bytes`, {
          sizeBytes: bytes.length,
          maxMessageBytes,
        });
      }
      try {
        await pubsub.publish(topic, bytes);
      } catch (error) {
        if (error instanceof Error && error.message === 'PublishError.NoPeersSubscribedToTopic') {
          throw new P2PError('P2P_NO_PEERS', `no peer subscribes to ${topic}`);
        }
        throw error;
      }
    },
  };
}
