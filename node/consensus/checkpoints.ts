// Checkpoints and watermarks: after every height that is a multiple of the interval each
// validator signs (height, block hash, state root); a quorum of matching signatures makes the
// checkpoint stable. The last stable checkpoint is the low watermark: the log forgets everything
// up to it, the sign log prunes, and messages are kept only for heights in (low, low + window].
import { bigintToLong, encodeCanonical, pvchain } from '../../proto/index.ts';
import { checkpointCertificate } from './certificates.ts';
import {
  type Engine,
  high,
  low,
  mineKey,
  reportEquivocation,
  setBehind,
  signRecorded,
} from './engine-state.ts';
import { u64 } from './messages.ts';
import { prunable } from './sign-log.ts';
import { equalBytes, toHex } from './validator-set.ts';

const v1 = pvchain.v1;

/** Signs and sends the checkpoint of `height`, just committed (here or by block sync). */
export async function signCheckpoint(e: Engine, height: bigint): Promise<void> {
  const last = e.env.lastCommitted();
  if (last.height !== height || height <= low(e)) return;
  const body = {
    height: bigintToLong(height),
    blockHash: last.blockHash,
    stateRoot: last.stateRoot,
    validator: e.config.self.address,
  };
  const signed = await signRecorded(e, 'checkpoint', body, {
    height,
    view: 0n,
    digest: last.blockHash,
  });
  if (!signed) return;
  e.env.broadcast(signed.message);
  e.log.addCheckpoint(height, last.blockHash, last.stateRoot, {
    validator: e.config.self.address,
    ...signed,
  });
  await checkStable(e, height);
}

/** A verified checkpoint from another validator. Above the window, one per validator is kept. */
export async function onCheckpoint(
  e: Engine,
  checkpoint: pvchain.v1.Checkpoint.$Properties,
  signature: Uint8Array,
  message: Uint8Array,
): Promise<void> {
  const height = u64(checkpoint.height);
  const validator = checkpoint.validator as Uint8Array;
  const hex = toHex(validator);
  if (hex !== e.config.self.hex && (e.peerCommitted.get(hex) ?? 0n) < height)
    e.peerCommitted.set(hex, height);
  if (height <= low(e)) return;
  if (height > high(e)) e.log.forgetCheckpointsAbove(high(e), hex);
  const blockHash = checkpoint.blockHash as Uint8Array;
  const stateRoot = checkpoint.stateRoot as Uint8Array;
  const seen = e.log.addCheckpoint(height, blockHash, stateRoot, { validator, signature, message });
  if (seen.status === 'conflict')
    reportEquivocation(e, 'checkpoint', validator, height, 0n, seen.first, message);
  await checkStable(e, height);
}

async function checkStable(e: Engine, height: bigint): Promise<void> {
  const group = e.log.checkpointQuorum(height);
  if (!group) return;
  await applyStable(
    e,
    checkpointCertificate(height, group.blockHash, group.stateRoot, group.signatures.values()),
  );
}

/**
 * A stable checkpoint (made here, or verified inside a view change): it becomes the low
 * watermark. One this validator signed must match it, or its chain diverged and it stops.
 */
export async function applyStable(
  e: Engine,
  cert: pvchain.v1.CheckpointCertificate.$Properties,
): Promise<void> {
  const height = u64(cert.height);
  if (height <= low(e)) return;
  const signed = e.mine.get(mineKey('checkpoint', height, 0n));
  if (signed && !equalBytes(signed.digest, cert.blockHash as Uint8Array))
    throw new Error(`block ${height} differs from the stable checkpoint: this node forked`);
  e.stable = { height, cert };
  if (signed) {
    const proof = encodeCanonical(v1.CheckpointCertificate, cert);
    await e.env.signLog.record({ ...signed, proof });
    e.mine.set(mineKey('checkpoint', height, 0n), { ...signed, proof });
  }
  e.log.pruneHeights(height);
  for (const h of [...e.prepared.keys()]) if (h <= height) e.prepared.delete(h);
  for (const h of [...e.committedVotes.keys()]) if (h <= height) e.committedVotes.delete(h);
  const below = { height, view: e.view };
  await e.env.signLog.prune(below);
  for (const [key, entry] of e.mine) if (prunable(entry, below)) e.mine.delete(key);
  if (height >= e.height) setBehind(e, height);
}
