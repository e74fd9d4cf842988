// Commit certificates: a block is final when validators holding more than two thirds of the
// voting power of its validator set signed a COMMIT for (height, view, block_hash). Each
// signature is over SigningPayload { SIGNING_DOMAIN_COMMIT, chain id, CommitVote }, and all of
// them are checked in one call of the Wasm batch verifier.
import { verifyBatch } from '../../assembly/bindings/crypto.ts';
import { bigintToLong, encodeCanonical, encodeSigningPayload, pvchain } from '../../proto/index.ts';
import {
  ADDRESS_BYTES,
  bytesOf,
  checkSize,
  compareBytes,
  equalBytes,
  fail,
  HASH_BYTES,
  SIGNATURE_BYTES,
  toHex,
  u64,
} from './fields.ts';
import type { ValidatorEntry, ValidatorSet } from './validator-set.ts';
import { VerifyError } from './verify-error.ts';

const v1 = pvchain.v1;

export type CommitVoteFields = {
  height: bigint;
  view: bigint;
  blockHash: Uint8Array;
  validator: Uint8Array;
};

/** What a validator signs to commit a block: SigningPayload { COMMIT, chain id, CommitVote }. */
export function commitVoteSigningPayload(chainId: string, vote: CommitVoteFields): Uint8Array {
  const body = encodeCanonical(v1.CommitVote, {
    height: bigintToLong(vote.height),
    view: bigintToLong(vote.view),
    blockHash: vote.blockHash,
    validator: vote.validator,
  });
  return encodeSigningPayload(v1.SigningDomain.SIGNING_DOMAIN_COMMIT, chainId, body);
}

/** What the certificate must be for; height and block hash are checked when given. */
export type CommitExpectations = { chainId: string; height?: bigint; blockHash?: Uint8Array };

export type VerifiedCommit = {
  height: bigint;
  view: bigint;
  blockHash: Uint8Array;
  /** Voting power of the signers, all of whose signatures verified. */
  signedPower: bigint;
  totalPower: bigint;
  /** Addresses of the signers, sorted. */
  signers: Uint8Array[];
};

/** Whether `signed` is more than two thirds of `total`. */
export const isQuorum = (signed: bigint, total: bigint): boolean => 3n * signed > 2n * total;

/**
 * Verifies `commit` against `set`, or throws VerifyError: signatures sorted by address, one per
 * validator (VERIFY_DUPLICATE_SIGNER), members only (VERIFY_UNKNOWN_SIGNER), more than two thirds
 * of the power (VERIFY_INSUFFICIENT_POWER, checked before any signature), and every signature
 * valid (VERIFY_BAD_SIGNATURE names the validators whose signatures fail).
 */
export function assertValidCommitCertificate(
  commit: pvchain.v1.CommitCertificate.$Properties,
  set: ValidatorSet,
  expected: CommitExpectations,
): VerifiedCommit {
  const height = u64(commit.height);
  const view = u64(commit.view);
  const blockHash = checkSize(bytesOf(commit.blockHash), HASH_BYTES, 'commit.blockHash', {
    height,
  });
  if (expected.height !== undefined && height !== expected.height)
    fail('VERIFY_HEIGHT', `certificate for height ${height}, expected ${expected.height}`, {
      height,
      expected: String(expected.height),
      actual: String(height),
    });
  if (expected.blockHash && !equalBytes(blockHash, expected.blockHash))
    fail('VERIFY_BLOCK_HASH', `certificate for another block at height ${height}`, {
      height,
      expected: toHex(expected.blockHash),
      actual: toHex(blockHash),
    });
  const signatures = (commit.signatures ?? []).map((s, i) => {
    const field = `commit.signatures[${i}]`;
    return {
      validator: checkSize(bytesOf(s.validator), ADDRESS_BYTES, `${field}.validator`, { height }),
      signature: checkSize(bytesOf(s.signature), SIGNATURE_BYTES, `${field}.signature`, {
        height,
      }),
    };
  });
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { validator } of signatures) {
    const key = toHex(validator);
    if (seen.has(key)) duplicates.add(key);
    seen.add(key);
  }
  if (duplicates.size > 0)
    fail('VERIFY_DUPLICATE_SIGNER', `a validator signed twice at height ${height}`, {
      height,
      validators: [...duplicates],
    });
  const members: ValidatorEntry[] = [];
  const strangers: string[] = [];
  for (const { validator } of signatures) {
    const member = set.member(validator);
    if (member) members.push(member);
    else strangers.push(toHex(validator));
  }
  if (strangers.length > 0)
    fail('VERIFY_UNKNOWN_SIGNER', `a signer is not in the validator set at height ${height}`, {
      height,
      validators: strangers,
    });
  signatures.forEach((s, i) => {
    const previous = signatures[i - 1];
    if (previous && compareBytes(previous.validator, s.validator) > 0)
      fail('VERIFY_MALFORMED', 'certificate signatures are not sorted by address', {
        height,
        field: 'commit.signatures',
      });
  });
  const signedPower = members.reduce((sum, m) => sum + m.votingPower, 0n);
  if (!isQuorum(signedPower, set.totalPower))
    fail(
      'VERIFY_INSUFFICIENT_POWER',
      `signers hold ${signedPower} of ${set.totalPower} voting power at height ${height}`,
      { height, expected: `more than ${(2n * set.totalPower) / 3n}`, actual: String(signedPower) },
    );
  const verdicts = verifyBatch(
    signatures.map((s, i) => ({
      signature: s.signature,
      message: commitVoteSigningPayload(expected.chainId, {
        height,
        view,
        blockHash,
        validator: s.validator,
      }),
      publicKey: (members[i] as ValidatorEntry).publicKey,
    })),
  );
  const bad = signatures.filter((_, i) => !verdicts[i]);
  if (bad.length > 0)
    fail('VERIFY_BAD_SIGNATURE', `${bad.length} commit signature(s) do not verify at ${height}`, {
      height,
      validators: bad.map((s) => toHex(s.validator)),
    });
  return {
    height,
    view,
    blockHash,
    signedPower,
    totalPower: set.totalPower,
    signers: signatures.map((s) => s.validator),
  };
}

/** Whether `commit` is a valid certificate of `set` for what `expected` names. */
export function verifyCommitCertificate(
  commit: pvchain.v1.CommitCertificate.$Properties,
  set: ValidatorSet,
  expected: CommitExpectations,
): boolean {
  try {
    assertValidCommitCertificate(commit, set, expected);
    return true;
  } catch (error) {
    if (error instanceof VerifyError) return false;
    throw error;
  }
}
