// Starting (again) from the sign log: the view this validator was in or voting for, the new view
// it accepted, its stable checkpoint and prepared certificates, and the prepare and commit it
// signed at the current height, sent again as they were (Ed25519 signatures are deterministic).
import { decodeCanonical, pvchain } from '../../proto/index.ts';
import { arm, type Engine, low, mineKey, resign, viewEntryHeight } from './engine-state.ts';
import { decodeBody, envelope } from './messages.ts';
import { onProgressTimeout } from './normal-case.ts';
import { signLogKey } from './sign-log.ts';
import { enterView, startViewChange } from './view-changes.ts';

const v1 = pvchain.v1;

export async function resume(e: Engine): Promise<void> {
  // What this validator signed for an earlier validator set is none of this set's.
  const entries = (await e.env.signLog.entries()).filter((entry) =>
    entry.kind === 'view-change' || entry.kind === 'new-view'
      ? entry.height === viewEntryHeight(e)
      : entry.height >= e.config.firstHeight,
  );
  e.mine = new Map(entries.map((entry) => [signLogKey(entry), entry]));
  e.height = e.env.lastCommitted().height + 1n;
  for (const entry of entries) {
    if (entry.kind !== 'checkpoint' || !entry.proof) continue;
    if (!e.stable || entry.height > e.stable.height)
      e.stable = {
        height: entry.height,
        cert: decodeCanonical(v1.CheckpointCertificate, entry.proof),
      };
  }
  for (const entry of entries) {
    const prepared = entry.kind === 'pre-prepare' || entry.kind === 'prepare';
    if (prepared && entry.proof && entry.height >= e.height)
      e.log.addBlock(entry.height, entry.digest, decodeCanonical(v1.Block, entry.proof));
  }
  let view = 0n;
  let enteredView = 0n;
  for (const entry of entries) {
    if (entry.kind === 'checkpoint') continue;
    if (entry.view > view) view = entry.view;
    if (entry.kind !== 'view-change' && entry.view > enteredView) enteredView = entry.view;
    if (entry.kind !== 'commit' || !entry.proof || entry.height <= low(e)) continue;
    const known = e.prepared.get(entry.height);
    if (!known || known.view < entry.view)
      e.prepared.set(entry.height, {
        view: entry.view,
        cert: decodeCanonical(v1.PreparedCertificate, entry.proof),
      });
  }
  const newView = e.mine.get(mineKey('new-view', viewEntryHeight(e), view));
  e.view = enteredView;
  e.mode = 'normal';
  if (view > 0n && newView) {
    const body = decodeBody('newView', newView.body);
    const signature = newView.proof ?? resign(e, 'newView', body).signature;
    enterView(e, view, envelope('newView', body, signature), body.prePrepares ?? []);
  } else if (view > enteredView) {
    await startViewChange(e, view); // sends the recorded ViewChange again
  } else arm(e, onProgressTimeout);
  for (const kind of ['prepare', 'commit'] as const) {
    const entry = e.mine.get(mineKey(kind, e.height, e.view));
    if (!entry) continue;
    const signed = resign(e, kind, decodeBody(kind, entry.body), entry.body);
    e.log.addVote(kind, e.height, e.view, entry.digest, {
      validator: e.config.self.address,
      ...signed,
    });
    e.env.broadcast(signed.message);
  }
}
