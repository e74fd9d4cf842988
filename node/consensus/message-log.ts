// PBFT's message log: the verified messages of the heights inside the watermarks (and of views
// not too far ahead), indexed for counting quorums, with the first message each validator signed
// per (kind, height, view) kept so that a second, different one is caught as equivocation.
import type { pvchain } from '../../proto/index.ts';
import type { MessageKind } from './types.ts';
import { toHex, type ValidatorSet } from './validator-set.ts';

export type StoredSignature = { validator: Uint8Array; signature: Uint8Array; message: Uint8Array };
export type StoredPrePrepare = {
  body: pvchain.v1.PrePrepare.$Properties;
  blockHash: Uint8Array;
  signature: Uint8Array;
  message: Uint8Array;
};
export type StoredViewChange = {
  body: pvchain.v1.ViewChange.$Properties;
  signature: Uint8Array;
  message: Uint8Array;
};
export type Observed =
  | { status: 'new' }
  | { status: 'duplicate' }
  | { status: 'conflict'; first: Uint8Array };
type CheckpointGroup = {
  blockHash: Uint8Array;
  stateRoot: Uint8Array;
  signatures: Map<string, StoredSignature>;
};

export type MessageLog = ReturnType<typeof createMessageLog>;

function entryOf<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

export function createMessageLog(set: ValidatorSet) {
  const firsts = new Map<string, { digest: string; message: Uint8Array; height: bigint }>();
  const prePrepares = new Map<string, StoredPrePrepare>();
  const blocks = new Map<bigint, Map<string, pvchain.v1.Block.$Properties>>();
  const votes = new Map<string, Map<string, StoredSignature>>();
  const voteKeysByHeight = new Map<bigint, Set<string>>();
  const checkpoints = new Map<bigint, Map<string, CheckpointGroup>>();
  const viewChanges = new Map<bigint, Map<string, StoredViewChange>>();
  const viewChangeViews = new Map<string, bigint>();

  function observe(
    kind: MessageKind,
    height: bigint,
    view: bigint,
    validator: string,
    digest: string,
    message: Uint8Array,
  ): Observed {
    const key = `${kind}/${height}/${view}/${validator}`;
    const first = firsts.get(key);
    if (!first) {
      firsts.set(key, { digest, message, height });
      return { status: 'new' };
    }
    return first.digest === digest
      ? { status: 'duplicate' }
      : { status: 'conflict', first: first.message };
  }

  const voteKey = (kind: 'prepare' | 'commit', h: bigint, v: bigint, digest: string): string =>
    `${kind}/${h}/${v}/${digest}`;

  return {
    /** A pre-prepare signed by the primary of its view (directly, forwarded, or from a new view). */
    addPrePrepare(pp: StoredPrePrepare, height: bigint, view: bigint, force = false): Observed {
      const primary = toHex(pp.body.primary as Uint8Array);
      const seen = observe('pre-prepare', height, view, primary, toHex(pp.blockHash), pp.message);
      const key = `${height}/${view}`;
      // A new view's pre-prepares (force) take the place of any the primary sent on its own.
      if (force || (seen.status !== 'conflict' && !prePrepares.has(key))) prePrepares.set(key, pp);
      return seen;
    },
    prePrepare: (height: bigint, view: bigint): StoredPrePrepare | undefined =>
      prePrepares.get(`${height}/${view}`),

    addBlock(height: bigint, blockHash: Uint8Array, block: pvchain.v1.Block.$Properties): void {
      entryOf(blocks, height, () => new Map()).set(toHex(blockHash), block);
    },
    block: (height: bigint, digest: string): pvchain.v1.Block.$Properties | undefined =>
      blocks.get(height)?.get(digest),
    dropBlocks: (height: bigint): void => void blocks.delete(height),

    addVote(
      kind: 'prepare' | 'commit',
      height: bigint,
      view: bigint,
      blockHash: Uint8Array,
      vote: StoredSignature,
    ): Observed {
      const digest = toHex(blockHash);
      const validator = toHex(vote.validator);
      const seen = observe(kind, height, view, validator, digest, vote.message);
      if (seen.status !== 'new') return seen;
      const key = voteKey(kind, height, view, digest);
      entryOf(votes, key, () => new Map()).set(validator, vote);
      entryOf(voteKeysByHeight, height, () => new Set()).add(key);
      return seen;
    },
    votes: (kind: 'prepare' | 'commit', height: bigint, view: bigint, digest: string) =>
      votes.get(voteKey(kind, height, view, digest)) ?? new Map<string, StoredSignature>(),
    /** A (view, block) at `height` with a quorum of commits, if any. */
    commitQuorum(height: bigint): { view: bigint; digest: string } | null {
      for (const key of voteKeysByHeight.get(height) ?? []) {
        const [kind, , view, digest] = key.split('/') as [string, string, string, string];
        const signatures = votes.get(key);
        if (kind === 'commit' && signatures && set.isQuorum(set.power(signatures.keys())))
          return { view: BigInt(view), digest };
      }
      return null;
    },

    addCheckpoint(
      height: bigint,
      blockHash: Uint8Array,
      stateRoot: Uint8Array,
      vote: StoredSignature,
    ): Observed {
      const group = `${toHex(blockHash)}/${toHex(stateRoot)}`;
      const seen = observe('checkpoint', height, 0n, toHex(vote.validator), group, vote.message);
      if (seen.status !== 'new') return seen;
      const groups = entryOf(checkpoints, height, () => new Map<string, CheckpointGroup>());
      const entry = entryOf(groups, group, () => ({ blockHash, stateRoot, signatures: new Map() }));
      entry.signatures.set(toHex(vote.validator), vote);
      return seen;
    },
    /** The (block, state) at checkpoint `height` that a quorum signed, if any. */
    checkpointQuorum(height: bigint): CheckpointGroup | null {
      for (const group of checkpoints.get(height)?.values() ?? [])
        if (set.isQuorum(set.power(group.signatures.keys()))) return group;
      return null;
    },
    /** Forgets what a validator sent at checkpoint heights above `height` (it keeps one far ahead). */
    forgetCheckpointsAbove(height: bigint, validator: string): void {
      for (const [h, groups] of checkpoints) {
        if (h <= height) continue;
        for (const group of groups.values()) group.signatures.delete(validator);
        for (const key of [...firsts.keys()])
          if (key.startsWith(`checkpoint/${h}/`) && key.endsWith(`/${validator}`))
            firsts.delete(key);
      }
    },

    addViewChange(vc: StoredViewChange, newView: bigint): Observed {
      const validator = toHex(vc.body.validator as Uint8Array);
      const seen = observe('view-change', 0n, newView, validator, toHex(vc.signature), vc.message);
      if (seen.status === 'conflict') return seen;
      entryOf(viewChanges, newView, () => new Map()).set(validator, vc);
      if ((viewChangeViews.get(validator) ?? -1n) < newView)
        viewChangeViews.set(validator, newView);
      return seen;
    },
    viewChanges: (view: bigint): Map<string, StoredViewChange> =>
      viewChanges.get(view) ?? new Map(),
    /** The highest view each validator asked to move to. */
    viewChangeViews: (): Map<string, bigint> => viewChangeViews,

    /** Forgets every height up to and including `height` (a stable checkpoint). */
    pruneHeights(height: bigint): void {
      for (const [key, first] of firsts)
        if (first.height <= height && !key.startsWith('view-change/')) firsts.delete(key);
      for (const key of [...prePrepares.keys()])
        if (BigInt(key.split('/')[0] as string) <= height) prePrepares.delete(key);
      for (const h of [...blocks.keys()]) if (h <= height) blocks.delete(h);
      for (const [h, keys] of voteKeysByHeight) {
        if (h > height) continue;
        for (const key of keys) votes.delete(key);
        voteKeysByHeight.delete(h);
      }
      for (const h of [...checkpoints.keys()]) if (h <= height) checkpoints.delete(h);
    },
    /** Forgets the pre-prepares and prepares of views below `view`, and older view changes. */
    pruneViews(view: bigint): void {
      for (const key of [...prePrepares.keys()])
        if (BigInt(key.split('/')[1] as string) < view) prePrepares.delete(key);
      for (const [h, keys] of voteKeysByHeight)
        for (const key of keys) {
          const [kind, , v] = key.split('/') as [string, string, string];
          if (kind === 'prepare' && BigInt(v) < view) {
            votes.delete(key);
            keys.delete(key);
          }
          if (keys.size === 0) voteKeysByHeight.delete(h);
        }
      for (const v of [...viewChanges.keys()]) if (v < view) viewChanges.delete(v);
    },
  };
}
