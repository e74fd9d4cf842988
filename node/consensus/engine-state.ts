// The engine's state and the helpers its parts share: the event queue (one task at a time, so
// every state change is serialized), timers, signing through the sign log, evidence, status.
import { hash } from '../../assembly/bindings/crypto.ts';
import type { pvchain } from '../../proto/index.ts';
import { createMessageLog, type MessageLog } from './message-log.ts';
import {
  type Bodies,
  type BodyName,
  encodeBody,
  envelope,
  KIND_OF,
  type Signed,
  signingPayload,
} from './messages.ts';
import { SignLogConflictError, type SignLogEntry, signLogKey } from './sign-log.ts';
import { emitStatus } from './status.ts';
import type {
  MessageKind,
  PbftConfig,
  PbftCounters,
  PbftEnv,
  StatusListener,
  TimerHandle,
} from './types.ts';
import { createValidatorSet, equalBytes, toHex, type ValidatorSet } from './validator-set.ts';

export type Resolved = {
  chainId: string;
  hash: PbftConfig['hash'];
  set: ValidatorSet;
  firstHeight: bigint;
  self: { address: Uint8Array; hex: string; sign(payload: Uint8Array): Uint8Array };
  interval: bigint;
  window: bigint;
  baseTimeoutMs: number;
  maxTimeoutMs: number;
  proposeRetryMs: number;
  equivocate: boolean;
};

export type Round = {
  /** The block the env holds executed (proposed or validated), by hash hex. */
  executed: string | null;
  executing: string | null;
  proposing: boolean;
  /** The view a proposal was made in (one refused by the sign log is not asked for again). */
  proposedIn: bigint | null;
  invalid: Set<string>;
  committing: boolean;
};

export const freshRound = (): Round => ({
  executed: null,
  executing: null,
  proposing: false,
  proposedIn: null,
  invalid: new Set(),
  committing: false,
});

export type Engine = {
  readonly config: Resolved;
  readonly env: PbftEnv;
  log: MessageLog;
  readonly counters: PbftCounters;
  running: boolean;
  generation: number;
  height: bigint;
  view: bigint;
  mode: 'normal' | 'view-change';
  viewChangeTo: bigint;
  /** In a view change: a quorum asked for viewChangeTo, so the timer escalates on expiry. */
  viewChangeQuorum: boolean;
  backoff: number;
  stable: { height: bigint; cert: pvchain.v1.CheckpointCertificate.$Properties } | null;
  /** What this validator signed (and the new views it accepted), by signLogKey. */
  mine: Map<string, SignLogEntry>;
  prepared: Map<bigint, { view: bigint; cert: pvchain.v1.PreparedCertificate.$Properties }>;
  newView: { view: bigint; message: Uint8Array } | null;
  round: Round;
  /** The highest height each other validator has shown it committed. */
  peerCommitted: Map<string, bigint>;
  /** The commit votes of recently committed heights, sent to validators that lag behind. */
  committedVotes: Map<bigint, Uint8Array[]>;
  helped: Set<string>;
  reported: Set<string>;
  behind: { height: bigint } | null;
  timer: TimerHandle | null;
  retryTimer: TimerHandle | null;
  queue: Promise<void>;
  listeners: Set<StatusListener>;
  lastStatusKey: string;
};

const DEFAULTS = { checkpointInterval: 16, baseTimeoutMs: 1000, maxTimeoutMs: 8000 };

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer`);
  return value;
}

export function resolveConfig(config: PbftConfig): Resolved {
  const set = createValidatorSet(config.validators);
  if (typeof config.chainId !== 'string' || config.chainId === '')
    throw new RangeError('chainId must be a non-empty string');
  if (!set.get(config.self.address)) throw new RangeError('self is not one of the validators');
  const interval = positive(
    'checkpointInterval',
    config.checkpointInterval ?? DEFAULTS.checkpointInterval,
  );
  const baseTimeoutMs = positive('baseTimeoutMs', config.baseTimeoutMs ?? DEFAULTS.baseTimeoutMs);
  const maxTimeoutMs = positive('maxTimeoutMs', config.maxTimeoutMs ?? DEFAULTS.maxTimeoutMs);
  if (maxTimeoutMs < baseTimeoutMs) throw new RangeError('maxTimeoutMs is below baseTimeoutMs');
  const window = positive('windowHeights', config.windowHeights ?? 2 * interval);
  if (window < interval) throw new RangeError('windowHeights must be at least checkpointInterval');
  const firstHeight = config.firstHeight ?? 1n;
  if (typeof firstHeight !== 'bigint' || firstHeight < 1n)
    throw new RangeError('firstHeight must be a bigint of at least 1');
  return {
    chainId: config.chainId,
    hash: config.hash,
    set,
    firstHeight,
    self: {
      address: config.self.address.slice(),
      hex: toHex(config.self.address),
      sign: config.self.sign,
    },
    interval: BigInt(interval),
    window: BigInt(window),
    baseTimeoutMs,
    maxTimeoutMs,
    proposeRetryMs: positive(
      'proposeRetryMs',
      config.proposeRetryMs ?? Math.ceil(baseTimeoutMs / 10),
    ),
    equivocate: config.faults?.equivocatePrePrepare === true,
  };
}

export const zeroCounters = (): PbftCounters => ({
  received: 0,
  malformed: 0,
  nonValidator: 0,
  badSignature: 0,
  outsideWatermarks: 0,
  invalid: 0,
  evidence: 0,
  refusedToSign: 0,
  viewChanges: 0,
  newViews: 0,
  commits: 0,
});

export function createEngine(config: Resolved, env: PbftEnv): Engine {
  return {
    config,
    env,
    log: createMessageLog(config.set),
    counters: zeroCounters(),
    running: false,
    generation: 0,
    height: 1n,
    view: 0n,
    mode: 'normal',
    viewChangeTo: 0n,
    viewChangeQuorum: false,
    backoff: 0,
    stable: null,
    mine: new Map(),
    prepared: new Map(),
    newView: null,
    round: freshRound(),
    peerCommitted: new Map(),
    committedVotes: new Map(),
    helped: new Set(),
    reported: new Set(),
    behind: null,
    timer: null,
    retryTimer: null,
    queue: Promise.resolve(),
    listeners: new Set(),
    lastStatusKey: '',
  };
}

export const low = (e: Engine): bigint => e.stable?.height ?? e.config.firstHeight - 1n;
export const high = (e: Engine): bigint => low(e) + e.config.window;
/**
 * The height sign-log entries of view changes and new views are kept under: views count from 0
 * again for every validator set, so each set's are apart (firstHeight - 1: 0 for the genesis set).
 */
export const viewEntryHeight = (e: Engine): bigint => e.config.firstHeight - 1n;
/** Whether `height` belongs to the next validator set (env.lastHeight). */
export const pastLastHeight = (e: Engine, height: bigint): boolean => {
  const last = e.env.lastHeight?.() ?? null;
  return last !== null && height > last;
};
export const isPrimary = (e: Engine, view: bigint): boolean =>
  equalBytes(e.config.set.primary(view).address, e.config.self.address);
export const mineKey = (kind: MessageKind, height: bigint, view: bigint): string =>
  signLogKey({ kind, height, view });
export const timeoutMs = (e: Engine): number =>
  Math.min(e.config.baseTimeoutMs * 2 ** Math.min(e.backoff, 30), e.config.maxTimeoutMs);
export const chainHash = (e: Engine, bytes: Uint8Array): Uint8Array => hash(e.config.hash, bytes);

export function fatal(e: Engine, error: unknown): void {
  if (!e.running) return;
  stopEngine(e);
  e.env.onFatal?.(error);
}

export function stopEngine(e: Engine): void {
  e.running = false;
  e.generation++;
  if (e.timer !== null) e.env.clearTimer(e.timer);
  if (e.retryTimer !== null) e.env.clearTimer(e.retryTimer);
  e.timer = null;
  e.retryTimer = null;
  emitStatus(e);
}

/** Runs `task` after every task before it; a throw stops the engine (onFatal). */
export function enqueue(e: Engine, task: () => Promise<void> | void): void {
  const generation = e.generation;
  e.queue = e.queue
    .then(async () => {
      if (!e.running || generation !== e.generation) return;
      await task();
      emitStatus(e);
    })
    .catch((error) => fatal(e, error));
}

/** The one view-change / progress timer. */
export function arm(e: Engine, fn: (e: Engine) => Promise<void> | void, ms = timeoutMs(e)): void {
  if (e.timer !== null) e.env.clearTimer(e.timer);
  e.timer = e.env.setTimer(ms, () => {
    e.timer = null;
    enqueue(e, () => fn(e));
  });
}

/**
 * Records what is about to be signed in the sign log, then signs it: null when the log refuses
 * (a different message of this kind was signed for this height and view) or the engine stopped.
 */
export async function signRecorded<N extends BodyName>(
  e: Engine,
  name: N,
  body: Bodies[N],
  at: { height: bigint; view: bigint; digest?: Uint8Array; proof?: Uint8Array | undefined },
): Promise<Signed<N> | null> {
  const bodyBytes = encodeBody(name, body);
  const entry: SignLogEntry = {
    kind: KIND_OF[name],
    height: at.height,
    view: at.view,
    digest: at.digest ?? chainHash(e, bodyBytes),
    body: bodyBytes,
    ...(at.proof ? { proof: at.proof } : {}),
  };
  const generation = e.generation;
  try {
    await e.env.signLog.record(entry);
  } catch (error) {
    if (!(error instanceof SignLogConflictError)) throw error;
    e.counters.refusedToSign++;
    return null;
  }
  if (generation !== e.generation) return null;
  e.mine.set(signLogKey(entry), entry);
  return resign(e, name, body, bodyBytes);
}

/** Signs a body already recorded (Ed25519 is deterministic: the same signature as before). */
export function resign<N extends BodyName>(
  e: Engine,
  name: N,
  body: Bodies[N],
  bodyBytes = encodeBody(name, body),
): Signed<N> {
  const signature = e.config.self.sign(signingPayload(e.config.chainId, name, bodyBytes));
  return { body, bodyBytes, signature, message: envelope(name, body, signature) };
}

export function reportEquivocation(
  e: Engine,
  message: MessageKind,
  validator: Uint8Array,
  height: bigint,
  view: bigint,
  first: Uint8Array,
  second: Uint8Array,
): void {
  const key = `${message}/${height}/${view}/${toHex(validator)}`;
  if (e.reported.has(key)) return;
  e.reported.add(key);
  e.counters.evidence++;
  e.env.onEvidence({ kind: 'equivocation', validator, message, height, view, first, second });
}

export function setBehind(e: Engine, height: bigint): void {
  if (!e.behind || height > e.behind.height) e.behind = { height };
}
