// View changes: a validator that timed out (or sees more than a third of the power ask for higher
// views) stops taking part in its view and signs a ViewChange with its stable checkpoint and its
// prepared certificates; the primary of the new view gathers a quorum of them into a NewView with
// the pre-prepares they imply (PBFT's O). Every validator checks a NewView by recomputing O.
import { bigintToLong, encodeCanonical, pvchain } from '../../proto/index.ts';
import { applyStable } from './checkpoints.ts';
import {
  arm,
  chainHash,
  type Engine,
  isPrimary,
  low,
  mineKey,
  reportEquivocation,
  resign,
  signRecorded,
  viewEntryHeight,
} from './engine-state.ts';
import type { StoredViewChange } from './message-log.ts';
import { decodeBody, encodeBody, envelope, prePrepareBody, u64 } from './messages.ts';
import { type CheckedNewView, reissuedPrePrepares } from './new-view.ts';
import { onProgressTimeout, preparedCertificateAt } from './normal-case.ts';
import { compareBytes, toHex, weakQuorumValue } from './validator-set.ts';

const v1 = pvchain.v1;

/** Votes to move to view `target` (if not past it already). */
export async function startViewChange(e: Engine, target: bigint): Promise<void> {
  if (target <= (e.mode === 'normal' ? e.view : e.viewChangeTo)) return;
  e.mode = 'view-change';
  e.viewChangeTo = target;
  e.viewChangeQuorum = false;
  e.backoff++;
  e.counters.viewChanges++;
  const recorded = e.mine.get(mineKey('view-change', viewEntryHeight(e), target));
  const body = recorded ? decodeBody('viewChange', recorded.body) : viewChangeBody(e, target);
  const signed = await signRecorded(e, 'viewChange', body, {
    height: viewEntryHeight(e),
    view: target,
  });
  arm(e, onViewChangeTimeout);
  if (!signed) return;
  e.env.broadcast(signed.message);
  e.log.addViewChange({ body, signature: signed.signature, message: signed.message }, target);
  await viewChangeProgress(e, target);
}

/** This validator's ViewChange: its stable checkpoint, and prepared certificates above it. */
function viewChangeBody(e: Engine, target: bigint): pvchain.v1.ViewChange.$Properties {
  const prepared = new Map(e.prepared);
  for (let view = e.view; view >= 0n && view + 8n > e.view; view--) {
    const cert = preparedCertificateAt(e, e.height, view);
    const known = prepared.get(e.height);
    if (cert && (!known || known.view < view)) prepared.set(e.height, { view, cert });
  }
  return {
    newView: bigintToLong(target),
    stableCheckpoint: e.stable?.cert ?? null,
    prepared: [...prepared]
      .filter(([height]) => height > low(e))
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([, p]) => p.cert),
    validator: e.config.self.address,
  };
}

/** Timer in a view change: escalate if a quorum asked for this view; otherwise say it again. */
async function onViewChangeTimeout(e: Engine): Promise<void> {
  if (e.mode !== 'view-change') return;
  if (e.viewChangeQuorum) {
    await startViewChange(e, e.viewChangeTo + 1n);
    return;
  }
  const recorded = e.mine.get(mineKey('view-change', viewEntryHeight(e), e.viewChangeTo));
  if (recorded)
    e.env.broadcast(resign(e, 'viewChange', decodeBody('viewChange', recorded.body)).message);
  arm(e, onViewChangeTimeout);
}

/** A verified ViewChange of another validator (alone, or inside a NewView). */
export async function onViewChange(e: Engine, vc: StoredViewChange, alone: boolean): Promise<void> {
  const newView = u64(vc.body.newView);
  const validator = vc.body.validator as Uint8Array;
  const seen = e.log.addViewChange(vc, newView);
  if (seen.status === 'conflict')
    reportEquivocation(e, 'view-change', validator, 0n, newView, seen.first, vc.message);
  scanCertificates(e, vc.body);
  if (vc.body.stableCheckpoint) await applyStable(e, vc.body.stableCheckpoint);
  if (!alone) return;
  if (e.mode === 'normal' && newView <= e.view && e.newView)
    e.env.sendTo(validator, e.newView.message);
  // PBFT's liveness rule: more than a third of the power wants higher views: join the lowest of them.
  const current = e.mode === 'normal' ? e.view : e.viewChangeTo;
  const higher = new Map(
    [...e.log.viewChangeViews()].filter(
      ([hex, view]) => view > current && hex !== e.config.self.hex,
    ),
  );
  const join = weakQuorumValue(e.config.set, higher);
  if (join !== null) await startViewChange(e, join);
  await viewChangeProgress(e, newView);
}

/** Pre-prepares and prepares inside prepared certificates: caught if they contradict others. */
function scanCertificates(e: Engine, vc: pvchain.v1.ViewChange.$Properties): void {
  for (const cert of vc.prepared ?? []) {
    const pp = cert.prePrepare?.prePrepare;
    const signature = cert.prePrepare?.signature;
    if (!pp || !signature) continue;
    const height = u64(pp.height);
    const view = u64(pp.view);
    if (height < e.height) continue;
    const message = envelope('prePrepare', pp, signature);
    const seen = e.log.addPrePrepare(
      { body: pp, blockHash: pp.blockHash as Uint8Array, signature, message },
      height,
      view,
    );
    if (seen.status === 'conflict')
      reportEquivocation(
        e,
        'pre-prepare',
        pp.primary as Uint8Array,
        height,
        view,
        seen.first,
        message,
      );
  }
}

/** A quorum for the view voted for: the timer now escalates; its primary sends the NewView. */
async function viewChangeProgress(e: Engine, view: bigint): Promise<void> {
  if (e.mode !== 'view-change' || view !== e.viewChangeTo) return;
  const vcs = e.log.viewChanges(view);
  if (!e.config.set.isQuorum(e.config.set.power(vcs.keys()))) return;
  if (!e.viewChangeQuorum) {
    e.viewChangeQuorum = true;
    arm(e, onViewChangeTimeout);
  }
  if (isPrimary(e, view) && !e.mine.has(mineKey('new-view', viewEntryHeight(e), view)))
    await sendNewView(e, view);
}

async function sendNewView(e: Engine, view: bigint): Promise<void> {
  const vcs = [...e.log.viewChanges(view).values()].sort((a, b) =>
    compareBytes(a.body.validator as Uint8Array, b.body.validator as Uint8Array),
  );
  const self = e.config.self.address;
  const prePrepares: pvchain.v1.SignedPrePrepare.$Properties[] = [];
  for (const { height, blockHash } of reissuedPrePrepares(vcs.map((vc) => vc.body)).prePrepares) {
    const body = prePrepareBody(height, view, blockHash, self);
    const block = e.log.block(height, toHex(blockHash));
    const proof = block ? encodeCanonical(v1.Block, block) : undefined;
    const signed = await signRecorded(e, 'prePrepare', body, {
      height,
      view,
      digest: blockHash,
      proof,
    });
    if (!signed) return;
    prePrepares.push({ prePrepare: body, signature: signed.signature });
  }
  const body: pvchain.v1.NewView.$Properties = {
    view: bigintToLong(view),
    viewChanges: vcs.map((vc) => ({ viewChange: vc.body, signature: vc.signature })),
    prePrepares,
    primary: self,
  };
  const signed = await signRecorded(e, 'newView', body, { height: viewEntryHeight(e), view });
  if (!signed) return;
  e.env.broadcast(signed.message);
  await acceptNewView(e, body, signed.signature, signed.message, null);
}

/** A verified NewView (its view changes and pre-prepares checked by checkNewView). */
export async function onNewView(
  e: Engine,
  body: pvchain.v1.NewView.$Properties,
  signature: Uint8Array,
  message: Uint8Array,
  checked: CheckedNewView,
): Promise<void> {
  const view = checked.view;
  for (const signed of body.viewChanges ?? []) {
    const vc = signed.viewChange as pvchain.v1.ViewChange.$Properties;
    const vcSignature = signed.signature as Uint8Array;
    const vcMessage = envelope('viewChange', vc, vcSignature);
    await onViewChange(e, { body: vc, signature: vcSignature, message: vcMessage }, false);
  }
  if (e.mode === 'normal' ? view <= e.view : view < e.viewChangeTo) {
    if (view === e.view && e.newView && compareBytes(e.newView.message, message) !== 0)
      reportEquivocation(
        e,
        'new-view',
        body.primary as Uint8Array,
        0n,
        view,
        e.newView.message,
        message,
      );
    return;
  }
  await acceptNewView(e, body, signature, message, checked);
}

async function acceptNewView(
  e: Engine,
  body: pvchain.v1.NewView.$Properties,
  signature: Uint8Array,
  message: Uint8Array,
  checked: CheckedNewView | null,
): Promise<void> {
  const view = u64(body.view);
  const bodyBytes = encodeBody('newView', body);
  const entry = {
    kind: 'new-view' as const,
    height: viewEntryHeight(e),
    view,
    digest: chainHash(e, bodyBytes),
    body: bodyBytes,
    proof: signature,
  };
  try {
    await e.env.signLog.record(entry);
  } catch {
    e.counters.refusedToSign++;
    return;
  }
  e.mine.set(mineKey('new-view', viewEntryHeight(e), view), entry);
  if (checked?.stable) await applyStable(e, checked.stable);
  enterView(e, view, message, body.prePrepares ?? []);
}

/** Enters `view` under its NewView: its pre-prepares take the place of the primary's. */
export function enterView(
  e: Engine,
  view: bigint,
  message: Uint8Array,
  prePrepares: readonly pvchain.v1.SignedPrePrepare.$Properties[],
): void {
  e.view = view;
  e.mode = 'normal';
  e.viewChangeTo = view;
  e.viewChangeQuorum = false;
  e.newView = { view, message };
  e.counters.newViews++;
  e.log.pruneViews(view);
  for (const { prePrepare: pp, signature } of prePrepares) {
    if (!pp?.blockHash || !signature) continue;
    const height = u64(pp.height);
    if (height < e.height) continue;
    const blockHash = pp.blockHash;
    const stored = {
      body: pp,
      blockHash,
      signature,
      message: envelope('prePrepare', pp, signature),
    };
    const seen = e.log.addPrePrepare(stored, height, view, true);
    if (seen.status === 'conflict')
      reportEquivocation(
        e,
        'pre-prepare',
        pp.primary as Uint8Array,
        height,
        view,
        seen.first,
        stored.message,
      );
    // Whoever holds the block sends it along: the new primary may never have received it.
    const block = e.log.block(height, toHex(blockHash));
    if (block) e.env.broadcast(envelope('prePrepare', pp, signature, block));
  }
  arm(e, onProgressTimeout);
}
