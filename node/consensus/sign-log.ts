// The sign log: what this validator signed (and the one new view it accepted per view), written
// before each signature exists, so that it never signs two different messages of one kind for one
// (height, view), also across restarts (DESIGN.md, consensus). Bodies are kept, so a restarted
// validator re-sends exactly what it signed (Ed25519 is deterministic), and so are the proofs its
// view changes need: the prepared certificate behind each commit, the stable checkpoint, and the
// blocks it pre-prepared or prepared.
import type { MessageKind } from './types.ts';

export type SignLogEntry = {
  kind: MessageKind;
  /** View-change and new-view entries: the first height of their validator set - 1 (0 at first). */
  height: bigint;
  /** 0 for checkpoints; the view voted for (view-change) or entered (new-view). */
  view: bigint;
  /** What must not differ: the block hash, or for view-change / new-view the hash of the body. */
  digest: Uint8Array;
  /** The canonical body signed (PrePrepare, Prepare, CommitVote, Checkpoint, ViewChange, NewView). */
  body: Uint8Array;
  /**
   * pre-prepare, prepare: the Block (so that a prepared block survives a crash of everyone that
   * holds it: a new view can re-issue only what someone can still send); commit: the
   * PreparedCertificate held when it was signed; checkpoint: the CheckpointCertificate once
   * stable; new-view: the primary's signature.
   */
  proof?: Uint8Array;
};

export interface SignLog {
  /** Every entry not pruned, in no particular order (read once, when the engine starts). */
  entries(): Promise<SignLogEntry[]>;
  /**
   * Persists `entry` before the caller signs. The same digest again is accepted (a new proof
   * replaces the old); another digest for a recorded (kind, height, view) is refused with
   * SignLogConflictError and nothing is written.
   */
  record(entry: SignLogEntry): Promise<void>;
  /** Forgets entries below a stable checkpoint's height, and view-change / new-view entries of older views. */
  prune(below: { height: bigint; view: bigint }): Promise<void>;
}

export class SignLogConflictError extends Error {
  readonly code = 'SIGN_LOG_CONFLICT';
  readonly kind: MessageKind;
  readonly height: bigint;
  readonly view: bigint;
  constructor(entry: { kind: MessageKind; height: bigint; view: bigint }) {
    super(
      `SIGN_LOG_CONFLICT: a different ${entry.kind} was signed for height ${entry.height}, view ${entry.view}`,
    );
    this.name = 'SignLogConflictError';
    this.kind = entry.kind;
    this.height = entry.height;
    this.view = entry.view;
  }
}

export const SIGN_KINDS: readonly MessageKind[] = [
  'pre-prepare',
  'prepare',
  'commit',
  'checkpoint',
  'view-change',
  'new-view',
];

const VIEW_KINDS = new Set<MessageKind>(['view-change', 'new-view']);

export const signLogKey = (e: { kind: MessageKind; height: bigint; view: bigint }): string =>
  `${e.kind}/${e.height}/${e.view}`;

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

/**
 * The shared rule: null when `entry` needs no write (recorded already, same proof), the entry
 * to write otherwise; SignLogConflictError for another digest.
 */
export function checkRecord(
  existing: SignLogEntry | undefined,
  entry: SignLogEntry,
): SignLogEntry | null {
  if (!SIGN_KINDS.includes(entry.kind)) throw new RangeError(`not a sign log kind: ${entry.kind}`);
  if (entry.height < 0n || entry.view < 0n) throw new RangeError('height and view are uint64');
  if (existing) {
    if (!sameBytes(existing.digest, entry.digest)) throw new SignLogConflictError(entry);
    if (!entry.proof || (existing.proof && sameBytes(existing.proof, entry.proof))) return null;
  }
  return copyEntry(entry);
}

/** Whether `entry` goes when pruning below `below`. */
export function prunable(entry: SignLogEntry, below: { height: bigint; view: bigint }): boolean {
  return VIEW_KINDS.has(entry.kind) ? entry.view < below.view : entry.height < below.height;
}

export function copyEntry(entry: SignLogEntry): SignLogEntry {
  return {
    kind: entry.kind,
    height: entry.height,
    view: entry.view,
    digest: entry.digest.slice(),
    body: entry.body.slice(),
    ...(entry.proof ? { proof: entry.proof.slice() } : {}),
  };
}

/** A sign log in memory: for tests and simulations (it survives an engine's stop and restart). */
export function createMemorySignLog(): SignLog & { size(): number } {
  const entries = new Map<string, SignLogEntry>();
  return {
    entries: async () => [...entries.values()].map(copyEntry),
    async record(entry) {
      const key = signLogKey(entry);
      const write = checkRecord(entries.get(key), entry);
      if (write) entries.set(key, write);
    },
    async prune(below) {
      for (const [key, entry] of entries) if (prunable(entry, below)) entries.delete(key);
    },
    size: () => entries.size,
  };
}
