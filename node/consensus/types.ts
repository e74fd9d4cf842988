// The PBFT engine's public types: what it is configured with, what it is given (everything
// outside the state machine is injected: clock, network, signature verification, the sign log,
// the chain), and what it reports. docs/adr/0013-pbft.md.
import type { HashAlgorithm, SignedMessage } from '../../assembly/bindings/crypto.ts';
import type { pvchain } from '../../proto/index.ts';
import type { SignLog } from './sign-log.ts';

export type PbftValidator = {
  /** 23-byte address. */
  address: Uint8Array;
  /** 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  /** At least 1. Quorums are more than two thirds of the total. */
  votingPower: bigint;
};

export type PbftConfig = {
  chainId: string;
  hash: HashAlgorithm;
  /** The validator set (at least 4, unique addresses); the primary of view v is the v mod n-th by address. */
  validators: readonly PbftValidator[];
  /** This validator: its address (in `validators`) and its Ed25519 signing function. */
  self: { address: Uint8Array; sign(payload: Uint8Array): Uint8Array };
  /**
   * The first height this set decides (default 1). Heights below it were decided by earlier
   * validator sets: what the sign log holds of them is ignored, and the low watermark starts at
   * firstHeight - 1.
   */
  firstHeight?: bigint;
  /** A checkpoint is signed after every height that is a multiple of this (default 16). */
  checkpointInterval?: number;
  /** Messages are kept for heights in (low, low + windowHeights] (default 2 × checkpointInterval). */
  windowHeights?: number;
  /** The first view-change timeout (default 1000); it doubles per view change without progress. */
  baseTimeoutMs?: number;
  /** The timeout never exceeds this (default 8000). */
  maxTimeoutMs?: number;
  /** After `propose` returned null, ask again after this long (default baseTimeoutMs / 10). */
  proposeRetryMs?: number;
  /** Tests only: make this validator faulty. */
  faults?: {
    /** As primary, send one block to the first half of the validators by address, another to the rest. */
    equivocatePrePrepare?: boolean;
  };
};

export type TimerHandle = unknown;

export type LastCommitted = { height: bigint; blockHash: Uint8Array; stateRoot: Uint8Array };

export type Proposal = { block: pvchain.v1.Block.$Properties; blockHash: Uint8Array };

export type Validation = { ok: true; blockHash: Uint8Array } | { ok: false; reason: string };

/** The kinds of signed consensus messages. */
export type MessageKind =
  | 'pre-prepare'
  | 'prepare'
  | 'commit'
  | 'checkpoint'
  | 'view-change'
  | 'new-view';

/** A validator signed two different messages of one kind for one height and view. */
export type EquivocationEvidence = {
  kind: 'equivocation';
  validator: Uint8Array;
  message: MessageKind;
  height: bigint;
  /** 0 for checkpoints; the new view for view changes and new views. */
  view: bigint;
  /** Both signed messages, each a canonical ConsensusMessage (without a block) that verifies alone. */
  first: Uint8Array;
  second: Uint8Array;
};

export type PbftEnv = {
  now(): number;
  setTimer(ms: number, fn: () => void): TimerHandle;
  clearTimer(handle: TimerHandle): void;
  /** To every other validator: a canonical ConsensusMessage. */
  broadcast(message: Uint8Array): void;
  /** To one validator, by address. */
  sendTo(validator: Uint8Array, message: Uint8Array): void;
  /** The batch verifier: one verdict per item, in order (may be asynchronous: a worker pool). */
  verifyBatch(items: SignedMessage[]): boolean[] | Promise<boolean[]>;
  /** What this validator signed, persisted before each signature exists. */
  signLog: SignLog;
  lastCommitted(): LastCommitted;
  /**
   * Primary: make (and execute speculatively) the block for (height, view); null if it cannot
   * now (asked again after proposeRetryMs or notify()). It should resolve well within the timeout.
   */
  propose(height: bigint, view: bigint): Promise<Proposal | null>;
  /** Backup: execute the proposed block speculatively and check it (roots, previous hash, last commit...). */
  validate(height: bigint, view: bigint, block: pvchain.v1.Block.$Properties): Promise<Validation>;
  /**
   * Drop a speculative execution that will not be committed. The engine keeps at most one
   * execution (proposed or validated) at a time and abandons it before asking for another; a
   * hash that is not held must be ignored.
   */
  abandon(height: bigint, blockHash: Uint8Array): void;
  /** The block is final: store it with its certificate; afterwards lastCommitted() is this height. */
  commit(
    height: bigint,
    blockHash: Uint8Array,
    certificate: pvchain.v1.CommitCertificate.$Properties,
  ): Promise<void>;
  onEvidence(evidence: EquivocationEvidence): void;
  /**
   * The last height this validator set decides, once a change of set is scheduled (null or absent:
   * none). Above it the engine neither proposes, validates, votes nor changes view: it idles until
   * it is replaced by an engine of the next set.
   */
  lastHeight?(): bigint | null;
  /** A peer sent a message with a bad signature, from a non-validator, or malformed. */
  penalise?(validator: Uint8Array, reason: string): void;
  /** The engine stopped: commit failed, or the committed chain diverged from a stable checkpoint. */
  onFatal?(error: unknown): void;
};

export type PbftPhase =
  | 'stopped'
  | 'waiting' // for the pre-prepare of the current height and view
  | 'proposing'
  | 'validating'
  | 'pre-prepared' // prepare sent (or, primary, pre-prepare sent)
  | 'prepared' // commit sent
  | 'committing'
  | 'view-change';

export type PbftCounters = {
  received: number;
  malformed: number;
  nonValidator: number;
  badSignature: number;
  outsideWatermarks: number;
  /** Well-formed messages refused for what they say (wrong primary, bad certificate...). */
  invalid: number;
  evidence: number;
  /** Signatures the sign log refused: a conflicting message for a signed (kind, height, view). */
  refusedToSign: number;
  viewChanges: number;
  newViews: number;
  commits: number;
};

export type PbftStatus = {
  /** The height being decided: lastCommitted + 1. */
  height: bigint;
  view: bigint;
  phase: PbftPhase;
  /** In a view change: the view voted for. */
  viewChangeTo: bigint | null;
  primary: Uint8Array;
  isPrimary: boolean;
  /** The height of the last stable checkpoint (0 when none). */
  lowWatermark: bigint;
  highWatermark: bigint;
  timeoutMs: number;
  /** Others committed at least this height and this node cannot get there by consensus: sync. */
  behind: { height: bigint } | null;
  counters: Readonly<PbftCounters>;
};

export type StatusListener = (status: PbftStatus) => void;
