// Certificates built from verified messages, and the checks of received ones: the structure
// (sorted distinct validators, a quorum of power, the fields that must agree) here, the
// signatures as items for one batch verification by the caller.
import type { SignedMessage } from '../../assembly/bindings/crypto.ts';
import { bigintToLong, type pvchain } from '../../proto/index.ts';
import { type Bodies, encodeBody, signingPayload, u64, voteBody } from './messages.ts';
import {
  compareBytes,
  HASH_BYTES,
  SIGNATURE_BYTES,
  toHex,
  type ValidatorSet,
} from './validator-set.ts';

type ValidatorSignature = { validator: Uint8Array; signature: Uint8Array };
type Context = { chainId: string; set: ValidatorSet };

export type CheckResult<T> =
  | ({ ok: true; items: SignedMessage[] } & T)
  | { ok: false; problem: string };

const sorted = (signatures: Iterable<ValidatorSignature>): ValidatorSignature[] =>
  [...signatures]
    .map((s) => ({ validator: s.validator, signature: s.signature }))
    .sort((a, b) => compareBytes(a.validator, b.validator));

export function commitCertificate(
  height: bigint,
  view: bigint,
  blockHash: Uint8Array,
  signatures: Iterable<ValidatorSignature>,
): pvchain.v1.CommitCertificate.$Properties {
  return {
    height: bigintToLong(height),
    view: bigintToLong(view),
    blockHash,
    signatures: sorted(signatures),
  };
}

export function preparedCertificate(
  prePrepare: { body: pvchain.v1.PrePrepare.$Properties; signature: Uint8Array },
  prepares: Iterable<ValidatorSignature>,
): pvchain.v1.PreparedCertificate.$Properties {
  return {
    prePrepare: { prePrepare: prePrepare.body, signature: prePrepare.signature },
    prepares: sorted(prepares),
  };
}

export function checkpointCertificate(
  height: bigint,
  blockHash: Uint8Array,
  stateRoot: Uint8Array,
  signatures: Iterable<ValidatorSignature>,
): pvchain.v1.CheckpointCertificate.$Properties {
  return {
    height: bigintToLong(height),
    blockHash,
    stateRoot,
    signatures: sorted(signatures),
  };
}

type MaybeSignature = { validator?: Uint8Array | null; signature?: Uint8Array | null };

/** Sorted strictly by validator, every validator in the set, every signature 64 bytes. */
function validSignatures(
  set: ValidatorSet,
  signatures: readonly MaybeSignature[] | null | undefined,
): ValidatorSignature[] | string {
  if (!signatures || signatures.length === 0) return 'no signatures';
  const out: ValidatorSignature[] = [];
  for (const s of signatures) {
    if (!s.validator || !set.get(s.validator)) return 'a signature of a non-validator';
    if (s.signature?.length !== SIGNATURE_BYTES) return 'a signature is not 64 bytes';
    const previous = out.at(-1);
    if (previous && compareBytes(previous.validator, s.validator) >= 0)
      return 'signatures not sorted by validator or repeated';
    out.push({ validator: s.validator, signature: s.signature });
  }
  return out;
}

const item = (
  ctx: Context,
  validator: Uint8Array,
  signature: Uint8Array,
  payload: Uint8Array,
): SignedMessage => ({
  signature,
  message: payload,
  publicKey: (ctx.set.get(validator) as { publicKey: Uint8Array }).publicKey,
});

/**
 * Signatures of distinct validators with more than two thirds of the power, each over the `name`
 * body `bodyOf` gives for its validator: the items to verify in one batch.
 */
function quorumOfVotes<N extends 'checkpoint' | 'commit'>(
  ctx: Context,
  signed: readonly MaybeSignature[] | null | undefined,
  name: N,
  bodyOf: (validator: Uint8Array) => Bodies[N],
): CheckResult<object> {
  const signatures = validSignatures(ctx.set, signed);
  if (typeof signatures === 'string') return { ok: false, problem: `${name}: ${signatures}` };
  if (!ctx.set.isQuorum(ctx.set.power(signatures.map((s) => toHex(s.validator)))))
    return { ok: false, problem: `${name} short of a quorum` };
  const items = signatures.map((s) =>
    item(
      ctx,
      s.validator,
      s.signature,
      signingPayload(ctx.chainId, name, encodeBody(name, bodyOf(s.validator))),
    ),
  );
  return { ok: true, items };
}

/** A PreparedCertificate: a pre-prepare by the primary of its view and matching prepares of others. */
export function checkPreparedCertificate(
  ctx: Context,
  cert: pvchain.v1.PreparedCertificate.$Properties,
): CheckResult<{ height: bigint; view: bigint; blockHash: Uint8Array }> {
  const pp = cert.prePrepare?.prePrepare;
  const ppSignature = cert.prePrepare?.signature;
  if (!pp || ppSignature?.length !== SIGNATURE_BYTES)
    return { ok: false, problem: 'no signed pre-prepare' };
  const height = u64(pp.height);
  const view = u64(pp.view);
  const blockHash = pp.blockHash ?? new Uint8Array(0);
  const primary = ctx.set.primary(view);
  if (height === 0n || blockHash.length !== HASH_BYTES)
    return { ok: false, problem: 'pre-prepare fields' };
  if (!pp.primary || compareBytes(pp.primary, primary.address) !== 0)
    return { ok: false, problem: 'pre-prepare not by the primary of its view' };
  const prepares = validSignatures(ctx.set, cert.prepares);
  if (typeof prepares === 'string') return { ok: false, problem: `prepares: ${prepares}` };
  if (prepares.some((p) => compareBytes(p.validator, primary.address) === 0))
    return { ok: false, problem: 'a prepare of the primary' };
  const power = primary.votingPower + ctx.set.power(prepares.map((p) => toHex(p.validator)));
  if (!ctx.set.isQuorum(power)) return { ok: false, problem: 'prepares short of a quorum' };
  const items = [
    item(
      ctx,
      primary.address,
      ppSignature,
      signingPayload(ctx.chainId, 'prePrepare', encodeBody('prePrepare', pp)),
    ),
    ...prepares.map((p) =>
      item(
        ctx,
        p.validator,
        p.signature,
        signingPayload(
          ctx.chainId,
          'prepare',
          encodeBody('prepare', voteBody(height, view, blockHash, p.validator)),
        ),
      ),
    ),
  ];
  return { ok: true, items, height, view, blockHash };
}

/** A CheckpointCertificate: a quorum of Checkpoint signatures over one (height, block, state). */
export function checkCheckpointCertificate(
  ctx: Context,
  cert: pvchain.v1.CheckpointCertificate.$Properties,
  interval: bigint,
): CheckResult<{ height: bigint }> {
  const height = u64(cert.height);
  const blockHash = cert.blockHash ?? new Uint8Array(0);
  const stateRoot = cert.stateRoot ?? new Uint8Array(0);
  if (height === 0n || height % interval !== 0n)
    return { ok: false, problem: 'checkpoint height not a multiple of the interval' };
  if (blockHash.length !== HASH_BYTES || stateRoot.length === 0)
    return { ok: false, problem: 'checkpoint fields' };
  const votes = quorumOfVotes(ctx, cert.signatures, 'checkpoint', (validator) => ({
    height: cert.height,
    blockHash,
    stateRoot,
    validator,
  }));
  return votes.ok ? { ok: true, items: votes.items, height } : votes;
}

/** A CommitCertificate: a quorum of CommitVote signatures over one (height, view, block). */
export function checkCommitCertificate(
  ctx: Context,
  cert: pvchain.v1.CommitCertificate.$Properties,
): CheckResult<{ height: bigint; view: bigint; blockHash: Uint8Array }> {
  const height = u64(cert.height);
  const view = u64(cert.view);
  const blockHash = cert.blockHash ?? new Uint8Array(0);
  if (height === 0n || blockHash.length !== HASH_BYTES)
    return { ok: false, problem: 'commit fields' };
  const votes = quorumOfVotes(ctx, cert.signatures, 'commit', (validator) =>
    voteBody(height, view, blockHash, validator),
  );
  return votes.ok ? { ok: true, items: votes.items, height, view, blockHash } : votes;
}
