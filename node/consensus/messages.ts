// ConsensusMessage envelopes: canonical bodies, the SigningPayload each kind is signed over
// (proto/signing.ts), signing, decoding, and who sent a message.
import {
  bigintToLong,
  CONSENSUS_SIGNING_DOMAINS,
  decodeCanonical,
  encodeCanonical,
  encodeSigningPayload,
  longToBigint,
  type MessageClass,
  pvchain,
} from '../../proto/index.ts';
import type { MessageKind } from './types.ts';

const v1 = pvchain.v1;

export type BodyName = NonNullable<pvchain.v1.ConsensusMessage['body']>;
export type Message = pvchain.v1.ConsensusMessage;

export const KIND_OF: Readonly<Record<BodyName, MessageKind>> = {
  prePrepare: 'pre-prepare',
  prepare: 'prepare',
  commit: 'commit',
  checkpoint: 'checkpoint',
  viewChange: 'view-change',
  newView: 'new-view',
};

export type Bodies = {
  prePrepare: pvchain.v1.PrePrepare.$Properties;
  prepare: pvchain.v1.Prepare.$Properties;
  commit: pvchain.v1.CommitVote.$Properties;
  checkpoint: pvchain.v1.Checkpoint.$Properties;
  viewChange: pvchain.v1.ViewChange.$Properties;
  newView: pvchain.v1.NewView.$Properties;
};

const BODY_TYPES: { [N in BodyName]: MessageClass<Bodies[N], unknown> } = {
  prePrepare: v1.PrePrepare,
  prepare: v1.Prepare,
  commit: v1.CommitVote,
  checkpoint: v1.Checkpoint,
  viewChange: v1.ViewChange,
  newView: v1.NewView,
};

export const encodeBody = <N extends BodyName>(name: N, body: Bodies[N]): Uint8Array =>
  encodeCanonical(BODY_TYPES[name] as MessageClass<Bodies[N], unknown>, body);

export const decodeBody = <N extends BodyName>(name: N, bytes: Uint8Array): Bodies[N] =>
  decodeCanonical(BODY_TYPES[name] as MessageClass<Bodies[N], Bodies[N]>, bytes);

/** SigningPayload { domain of `name`, chain id, body }: the bytes signed. */
export const signingPayload = (chainId: string, name: BodyName, body: Uint8Array): Uint8Array =>
  encodeSigningPayload(CONSENSUS_SIGNING_DOMAINS[name], chainId, body);

/** The canonical ConsensusMessage carrying `body` and its signature (and, for a pre-prepare, a block). */
export function envelope<N extends BodyName>(
  name: N,
  body: Bodies[N],
  signature: Uint8Array,
  block?: pvchain.v1.Block.$Properties | null,
): Uint8Array {
  return encodeCanonical(v1.ConsensusMessage, {
    [name]: body,
    signature,
    ...(block ? { block } : {}),
  } as pvchain.v1.ConsensusMessage.$Properties);
}

export const decodeMessage = (bytes: Uint8Array): Message =>
  decodeCanonical(v1.ConsensusMessage, bytes);

export type Signer = { chainId: string; sign(payload: Uint8Array): Uint8Array };

export type Signed<N extends BodyName> = {
  body: Bodies[N];
  bodyBytes: Uint8Array;
  signature: Uint8Array;
  /** The ConsensusMessage, without a block. */
  message: Uint8Array;
};

export function signBody<N extends BodyName>(signer: Signer, name: N, body: Bodies[N]): Signed<N> {
  const bodyBytes = encodeBody(name, body);
  const signature = signer.sign(signingPayload(signer.chainId, name, bodyBytes));
  return { body, bodyBytes, signature, message: envelope(name, body, signature) };
}

/** Prepare and CommitVote share one shape. */
export const voteBody = (
  height: bigint,
  view: bigint,
  blockHash: Uint8Array,
  validator: Uint8Array,
): pvchain.v1.Prepare.$Properties => ({
  height: bigintToLong(height),
  view: bigintToLong(view),
  blockHash,
  validator,
});

export const prePrepareBody = (
  height: bigint,
  view: bigint,
  blockHash: Uint8Array,
  primary: Uint8Array,
): pvchain.v1.PrePrepare.$Properties => ({
  height: bigintToLong(height),
  view: bigintToLong(view),
  blockHash,
  primary,
});

/** A uint64 field that may be absent (zero). */
export const u64 = (value: unknown): bigint =>
  value === null || value === undefined ? 0n : longToBigint(value as never);

/** The signer named in the body. */
export function senderOf(message: Message): Uint8Array | null {
  switch (message.body) {
    case 'prePrepare':
      return message.prePrepare?.primary ?? null;
    case 'newView':
      return message.newView?.primary ?? null;
    case 'prepare':
      return message.prepare?.validator ?? null;
    case 'commit':
      return message.commit?.validator ?? null;
    case 'checkpoint':
      return message.checkpoint?.validator ?? null;
    case 'viewChange':
      return message.viewChange?.validator ?? null;
    default:
      return null;
  }
}

/** The height a pre-prepare, prepare, commit or checkpoint is about; null for the others. */
export function heightOf(message: Message): bigint | null {
  const body = message.prePrepare ?? message.prepare ?? message.commit ?? message.checkpoint;
  return body ? u64(body.height) : null;
}

export const bodyOf = <N extends BodyName>(message: Message, name: N): Bodies[N] =>
  message[name] as Bodies[N];
