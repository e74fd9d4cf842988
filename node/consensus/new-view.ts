// View changes and new views (PBFT's VIEW-CHANGE and NEW-VIEW), as pure functions: the checks of
// a received ViewChange or NewView (structure here, nested signatures returned as items for one
// batch), and the pre-prepares a new view must re-issue (PBFT's O), computed from the view
// changes alone so that every backup recomputes and compares them.
import type { SignedMessage } from '../../assembly/bindings/crypto.ts';
import type { pvchain } from '../../proto/index.ts';
import {
  type CheckResult,
  checkCheckpointCertificate,
  checkPreparedCertificate,
} from './certificates.ts';
import { encodeBody, signingPayload, u64 } from './messages.ts';
import { compareBytes, SIGNATURE_BYTES, toHex, type ValidatorSet } from './validator-set.ts';

export type ViewChangeContext = {
  chainId: string;
  set: ValidatorSet;
  interval: bigint;
  window: bigint;
  /** The first height this set decides: below it, another set decided (validator-set changes). */
  firstHeight: bigint;
};

export type CheckedViewChange = {
  newView: bigint;
  stableHeight: bigint;
  stable: pvchain.v1.CheckpointCertificate.$Properties | null;
};

/** A ViewChange body: its checkpoint and prepared certificates (not its own signature). */
export function checkViewChange(
  ctx: ViewChangeContext,
  vc: pvchain.v1.ViewChange.$Properties,
): CheckResult<CheckedViewChange> {
  if (!vc.validator || !ctx.set.get(vc.validator)) return { ok: false, problem: 'not a validator' };
  const newView = u64(vc.newView);
  if (newView === 0n) return { ok: false, problem: 'a view change to view 0' };
  const items: SignedMessage[] = [];
  let stableHeight = 0n;
  if (vc.stableCheckpoint) {
    const checked = checkCheckpointCertificate(ctx, vc.stableCheckpoint, ctx.interval);
    if (!checked.ok) return checked;
    stableHeight = checked.height;
    if (stableHeight < ctx.firstHeight)
      return { ok: false, problem: 'a checkpoint of an earlier validator set' };
    items.push(...checked.items);
  }
  const prepared = vc.prepared ?? [];
  const low = stableHeight > ctx.firstHeight - 1n ? stableHeight : ctx.firstHeight - 1n;
  let previous = low;
  for (const cert of prepared) {
    const checked = checkPreparedCertificate(ctx, cert);
    if (!checked.ok) return checked;
    if (checked.height <= previous) return { ok: false, problem: 'prepared heights not rising' };
    if (checked.height > low + ctx.window)
      return { ok: false, problem: 'a prepared height above the window' };
    if (checked.view >= newView)
      return { ok: false, problem: 'prepared in a view not below the new one' };
    previous = checked.height;
    items.push(...checked.items);
  }
  return { ok: true, items, newView, stableHeight, stable: vc.stableCheckpoint ?? null };
}

export type ReissuedPrePrepare = { height: bigint; blockHash: Uint8Array };

/**
 * PBFT's O: above the highest stable checkpoint among the view changes, for every height with a
 * prepared certificate, the block of the certificate of the highest view (ties: the smallest
 * hash), by rising height. A height without one is left to a fresh proposal: nothing can have
 * been committed there (a commit needs a quorum of prepares, which meets every quorum of view
 * changes in an honest validator that kept its certificate).
 */
export function reissuedPrePrepares(viewChanges: readonly pvchain.v1.ViewChange.$Properties[]): {
  minStable: bigint;
  prePrepares: ReissuedPrePrepare[];
} {
  let minStable = 0n;
  for (const vc of viewChanges) {
    const h = u64(vc.stableCheckpoint?.height);
    if (h > minStable) minStable = h;
  }
  const best = new Map<bigint, { view: bigint; blockHash: Uint8Array }>();
  for (const vc of viewChanges) {
    for (const cert of vc.prepared ?? []) {
      const pp = cert.prePrepare?.prePrepare;
      if (!pp?.blockHash) continue;
      const height = u64(pp.height);
      const view = u64(pp.view);
      if (height <= minStable) continue;
      const current = best.get(height);
      if (
        !current ||
        view > current.view ||
        (view === current.view && compareBytes(pp.blockHash, current.blockHash) < 0)
      )
        best.set(height, { view, blockHash: pp.blockHash });
    }
  }
  const prePrepares = [...best]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([height, { blockHash }]) => ({ height, blockHash }));
  return { minStable, prePrepares };
}

export type CheckedNewView = {
  view: bigint;
  minStable: bigint;
  /** The highest stable checkpoint among the view changes. */
  stable: pvchain.v1.CheckpointCertificate.$Properties | null;
  prePrepares: pvchain.v1.SignedPrePrepare.$Properties[];
};

/** A NewView body: a quorum of valid view changes for its view, and exactly the O they imply. */
export function checkNewView(
  ctx: ViewChangeContext,
  nv: pvchain.v1.NewView.$Properties,
): CheckResult<CheckedNewView> {
  const view = u64(nv.view);
  if (view === 0n) return { ok: false, problem: 'a new view 0' };
  const primary = ctx.set.primary(view);
  if (!nv.primary || compareBytes(nv.primary, primary.address) !== 0)
    return { ok: false, problem: 'new view not by the primary of its view' };
  const items: SignedMessage[] = [];
  const bodies: pvchain.v1.ViewChange.$Properties[] = [];
  let previous: Uint8Array | null = null;
  let stable: pvchain.v1.CheckpointCertificate.$Properties | null = null;
  for (const signed of nv.viewChanges ?? []) {
    const vc = signed.viewChange;
    if (!vc || signed.signature?.length !== SIGNATURE_BYTES)
      return { ok: false, problem: 'an unsigned view change' };
    const checked = checkViewChange(ctx, vc);
    if (!checked.ok) return checked;
    if (checked.newView !== view) return { ok: false, problem: 'a view change for another view' };
    const validator = vc.validator as Uint8Array;
    if (previous && compareBytes(previous, validator) >= 0)
      return { ok: false, problem: 'view changes not sorted by validator or repeated' };
    previous = validator;
    if (checked.stable && u64(checked.stable.height) > u64(stable?.height)) stable = checked.stable;
    bodies.push(vc);
    items.push(...checked.items, {
      signature: signed.signature,
      message: signingPayload(ctx.chainId, 'viewChange', encodeBody('viewChange', vc)),
      publicKey: (ctx.set.get(validator) as { publicKey: Uint8Array }).publicKey,
    });
  }
  if (!ctx.set.isQuorum(ctx.set.power(bodies.map((vc) => toHex(vc.validator as Uint8Array)))))
    return { ok: false, problem: 'view changes short of a quorum' };
  const expected = reissuedPrePrepares(bodies);
  const given = nv.prePrepares ?? [];
  if (given.length !== expected.prePrepares.length)
    return { ok: false, problem: 'pre-prepares are not those the view changes imply' };
  for (const [i, signed] of given.entries()) {
    const pp = signed.prePrepare;
    const want = expected.prePrepares[i] as ReissuedPrePrepare;
    if (
      !pp ||
      signed.signature?.length !== SIGNATURE_BYTES ||
      u64(pp.height) !== want.height ||
      u64(pp.view) !== view ||
      !pp.blockHash ||
      compareBytes(pp.blockHash, want.blockHash) !== 0 ||
      !pp.primary ||
      compareBytes(pp.primary, primary.address) !== 0
    )
      return { ok: false, problem: 'pre-prepares are not those the view changes imply' };
    items.push({
      signature: signed.signature,
      message: signingPayload(ctx.chainId, 'prePrepare', encodeBody('prePrepare', pp)),
      publicKey: primary.publicKey,
    });
  }
  return { ok: true, items, view, minStable: expected.minStable, stable, prePrepares: given };
}
