// PBFT's normal case for the current height: the primary proposes and sends the pre-prepare;
// every validator executes the block, a backup sends its prepare; once prepared (the pre-prepare
// and prepares of more than two thirds of the power) it sends its commit; a quorum of commits for
// one (view, block) makes the block final, with those votes as its commit certificate.
import { encodeCanonical, pvchain } from '../../proto/index.ts';
import { commitCertificate, preparedCertificate } from './certificates.ts';
import { signCheckpoint } from './checkpoints.ts';
import {
  arm,
  chainHash,
  type Engine,
  enqueue,
  fatal,
  freshRound,
  high,
  isPrimary,
  low,
  mineKey,
  pastLastHeight,
  setBehind,
  signRecorded,
} from './engine-state.ts';
import { sendConflictingPrePrepares } from './faults.ts';
import { envelope, prePrepareBody, voteBody } from './messages.ts';
import type { Proposal, Validation } from './types.ts';
import { equalBytes, fromHex, toHex, weakQuorumValue } from './validator-set.ts';
import { startViewChange } from './view-changes.ts';

const v1 = pvchain.v1;

/** Makes whatever progress the current state allows. */
export async function advance(e: Engine): Promise<void> {
  for (let i = 0; i < 16 && e.running; i++) if (!(await step(e))) return;
}

async function step(e: Engine): Promise<boolean> {
  const h = e.height;
  if (e.round.committing || pastLastHeight(e, h)) return false;
  if (h <= low(e)) {
    setBehind(e, low(e));
    return false;
  }
  const quorum = e.log.commitQuorum(h);
  if (quorum) {
    if (e.round.executed === quorum.digest) return commit(e, h, quorum.view, quorum.digest);
    if (e.round.invalid.has(quorum.digest))
      throw new Error(`block ${h} has a commit quorum but failed validation here`);
    const block = e.log.block(h, quorum.digest);
    if (block) execute(e, h, quorum.view, quorum.digest, block);
    else setBehind(e, h);
    return false;
  }
  if (e.mode !== 'normal' || h > high(e)) return false;
  const v = e.view;
  const pp = e.log.prePrepare(h, v);
  if (!pp) {
    if (isPrimary(e, v)) propose(e);
    return false;
  }
  const digest = toHex(pp.blockHash);
  if (e.round.executed !== digest) {
    const block = e.log.block(h, digest);
    if (block && !e.round.invalid.has(digest)) execute(e, h, v, digest, block);
    return false;
  }
  const self = e.config.self.address;
  if (!isPrimary(e, v) && !e.mine.has(mineKey('prepare', h, v))) {
    const block = e.log.block(h, digest);
    const signed = await signRecorded(e, 'prepare', voteBody(h, v, pp.blockHash, self), {
      height: h,
      view: v,
      digest: pp.blockHash,
      ...(block ? { proof: encodeCanonical(v1.Block, block) } : {}),
    });
    if (!signed) return false;
    e.env.broadcast(signed.message);
    e.log.addVote('prepare', h, v, pp.blockHash, { validator: self, ...signed });
    return true;
  }
  if (!e.mine.has(mineKey('commit', h, v))) {
    const cert = preparedCertificateAt(e, h, v);
    if (!cert) return false;
    const signed = await signRecorded(e, 'commit', voteBody(h, v, pp.blockHash, self), {
      height: h,
      view: v,
      digest: pp.blockHash,
      proof: encodeCanonical(v1.PreparedCertificate, cert),
    });
    if (!signed) return false;
    e.prepared.set(h, { view: v, cert });
    e.env.broadcast(signed.message);
    e.log.addVote('commit', h, v, pp.blockHash, { validator: self, ...signed });
    return true;
  }
  return false;
}

/** The prepared certificate for (height, view), if the log holds one. */
export function preparedCertificateAt(
  e: Engine,
  height: bigint,
  view: bigint,
): pvchain.v1.PreparedCertificate.$Properties | null {
  const pp = e.log.prePrepare(height, view);
  if (!pp) return null;
  const primary = e.config.set.primary(view);
  const primaryHex = toHex(primary.address);
  const prepares = [...e.log.votes('prepare', height, view, toHex(pp.blockHash))]
    .filter(([hex]) => hex !== primaryHex)
    .map(([, vote]) => vote);
  const power = primary.votingPower + e.config.set.power(prepares.map((p) => toHex(p.validator)));
  return e.config.set.isQuorum(power) ? preparedCertificate(pp, prepares) : null;
}

/** Has the env execute `block` (abandoning any other execution first); one at a time. */
function execute(
  e: Engine,
  height: bigint,
  view: bigint,
  digest: string,
  block: pvchain.v1.Block.$Properties,
): void {
  const round = e.round;
  if (round.executing || round.proposing) return;
  if (round.executed) {
    e.env.abandon(height, fromHex(round.executed));
    round.executed = null;
  }
  round.executing = digest;
  e.env
    .validate(height, view, block)
    .catch((error): Validation => ({ ok: false, reason: String(error) }))
    .then((result) =>
      enqueue(e, async () => {
        if (e.round !== round) {
          if (result.ok) e.env.abandon(height, result.blockHash);
          return;
        }
        round.executing = null;
        if (result.ok && equalBytes(result.blockHash, fromHex(digest))) round.executed = digest;
        else {
          if (result.ok) e.env.abandon(height, result.blockHash);
          round.invalid.add(digest);
          e.counters.invalid++;
        }
        await advance(e);
      }),
    );
}

/** The primary asks the env for a block, then signs and sends its pre-prepare. */
function propose(e: Engine): void {
  const round = e.round;
  if (round.proposing || round.executing || round.proposedIn === e.view || e.retryTimer !== null)
    return;
  if (round.executed) {
    e.env.abandon(e.height, fromHex(round.executed));
    round.executed = null;
  }
  round.proposing = true;
  const { height, view } = e;
  e.env
    .propose(height, view)
    .catch((): Proposal | null => null)
    .then((proposal) =>
      enqueue(e, async () => {
        const current = e.round === round && e.view === view && e.mode === 'normal';
        round.proposing = false;
        if (!current || e.log.prePrepare(height, view)) {
          if (proposal) e.env.abandon(height, proposal.blockHash);
          return;
        }
        if (!proposal) {
          e.retryTimer = e.env.setTimer(e.config.proposeRetryMs, () => {
            e.retryTimer = null;
            enqueue(e, () => advance(e));
          });
          return;
        }
        round.proposedIn = view;
        await sendPrePrepare(e, height, view, proposal);
        await advance(e);
      }),
    );
}

export const headerHash = (e: Engine, block: pvchain.v1.Block.$Properties): Uint8Array =>
  chainHash(e, encodeCanonical(v1.BlockHeader, block.header ?? {}));

async function sendPrePrepare(e: Engine, height: bigint, view: bigint, proposal: Proposal) {
  const { block } = proposal;
  const blockHash = headerHash(e, block);
  if (!equalBytes(blockHash, proposal.blockHash))
    throw new Error('propose returned a block hash that is not its header hash');
  e.round.executed = toHex(blockHash);
  const body = prePrepareBody(height, view, blockHash, e.config.self.address);
  const signed = await signRecorded(e, 'prePrepare', body, {
    height,
    view,
    digest: blockHash,
    proof: encodeCanonical(v1.Block, block),
  });
  if (!signed) {
    // A different pre-prepare was signed for (height, view) before a restart: wait for a view change.
    e.env.abandon(height, blockHash);
    e.round.executed = null;
    return;
  }
  e.log.addPrePrepare({ ...signed, blockHash }, height, view);
  e.log.addBlock(height, blockHash, block);
  if (!e.config.equivocate) {
    e.env.broadcast(envelope('prePrepare', body, signed.signature, block));
    return;
  }
  sendConflictingPrePrepares(
    e,
    height,
    view,
    block,
    envelope('prePrepare', body, signed.signature, block),
  );
}

/** A quorum of commits for a block the env holds: commit it with its certificate. */
async function commit(e: Engine, height: bigint, view: bigint, digest: string): Promise<boolean> {
  e.round.committing = true;
  const blockHash = fromHex(digest);
  const votes = [...e.log.votes('commit', height, view, digest).values()];
  const certificate = commitCertificate(height, view, blockHash, votes);
  try {
    await e.env.commit(height, blockHash, certificate);
  } catch (error) {
    fatal(e, error);
    return false;
  }
  e.counters.commits++;
  e.committedVotes.set(
    height,
    votes.map((vote) => vote.message),
  );
  moveTo(e, height + 1n, true);
  if (height % e.config.interval === 0n) await signCheckpoint(e, height);
  return true;
}

/** Starts deciding `height` (after a commit here or by block sync). */
export function moveTo(e: Engine, height: bigint, progress: boolean): void {
  for (let h = e.height; h < height; h++) e.log.dropBlocks(h);
  if (e.round.executed && !e.round.committing) e.env.abandon(e.height, fromHex(e.round.executed));
  e.height = height;
  e.round = freshRound();
  e.helped.clear();
  if (progress) e.backoff = 0;
  if (e.behind && e.behind.height < height) e.behind = null;
  for (const h of [...e.committedVotes.keys()])
    if (h <= low(e) || h < height - e.config.window) e.committedVotes.delete(h);
  if (e.mode === 'normal' && !pastLastHeight(e, height)) arm(e, onProgressTimeout);
}

/** No commit in time: behind others (sync), or the primary failed (view change). */
export async function onProgressTimeout(e: Engine): Promise<void> {
  if (pastLastHeight(e, e.height)) return;
  const ahead = weakQuorumValue(e.config.set, e.peerCommitted);
  if (ahead !== null && ahead >= e.height) {
    setBehind(e, ahead);
    arm(e, onProgressTimeout);
    return;
  }
  await startViewChange(e, e.view + 1n);
}

/** A validator sent something for a height this one committed: send it that height's commits. */
export function helpLagging(e: Engine, validator: Uint8Array, height: bigint): void {
  const votes = e.committedVotes.get(height);
  const key = `${toHex(validator)}/${height}`;
  if (!votes || e.helped.has(key)) return;
  e.helped.add(key);
  for (const message of votes) e.env.sendTo(validator, message);
}
