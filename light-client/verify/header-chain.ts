// Following the chain one header at a time from a trusted block: each next header links to it
// (height + 1, previous hash, later time) and is signed by the set the trusted header named in
// next_validators_hash. When a header names a new set, that set must be supplied (it is found by
// its hash among `validatorSets`) before the header after it can be verified.
import type { HashAlgorithm } from '../../assembly/bindings/crypto.ts';
import type { pvchain } from '../../proto/index.ts';
import { bytesOf, equalBytes, fail, toHex, u64 } from './fields.ts';
import { assertValidSignedHeader, type VerifiedHeader } from './signed-header.ts';
import type { ValidatorSet } from './validator-set.ts';

/** A block the caller trusts (the genesis, a checkpoint, or the last verified header). */
export type TrustedBlock = {
  height: bigint;
  hash: Uint8Array;
  timeMs: bigint;
  /** The hash of the set that signs block height + 1. */
  nextValidatorsHash: Uint8Array;
  /** That set, when known; otherwise it must be among the `validatorSets` supplied. */
  nextValidators?: ValidatorSet | undefined;
};

export type ChainVerifyOptions = {
  chainId: string;
  hash: HashAlgorithm;
  /** Validator sets that a header may change to, found by their hash. */
  validatorSets?: readonly ValidatorSet[];
};

export type SignedHeaderLike = {
  header?: pvchain.v1.BlockHeader.$Properties | null;
  commit?: pvchain.v1.CommitCertificate.$Properties | null;
};

/** The genesis (or any block) as a trusted starting point, signed next by `validators`. */
export function trustBlock(
  block: { height: bigint; hash: Uint8Array; timeMs: bigint },
  validators: ValidatorSet,
): TrustedBlock {
  return { ...block, nextValidatorsHash: validators.hash, nextValidators: validators };
}

function setFor(
  hash: Uint8Array,
  known: ValidatorSet | undefined,
  supplied: readonly ValidatorSet[] = [],
): ValidatorSet | undefined {
  if (known && equalBytes(known.hash, hash)) return known;
  return supplied.find((set) => equalBytes(set.hash, hash));
}

/**
 * Verifies the header after `trusted` with its certificate, or throws VerifyError (VERIFY_HEIGHT,
 * VERIFY_LINK, VERIFY_VALIDATORS_HASH when the signing set is neither known nor supplied, and
 * whatever assertValidSignedHeader throws). Returns the header and the new trusted block.
 */
export function assertValidNextHeader(
  trusted: TrustedBlock,
  header: pvchain.v1.BlockHeader.$Properties,
  commit: pvchain.v1.CommitCertificate.$Properties,
  options: ChainVerifyOptions,
): { verified: VerifiedHeader; trusted: TrustedBlock } {
  const height = trusted.height + 1n;
  const claimed = u64(header.height);
  if (claimed !== height)
    fail('VERIFY_HEIGHT', `header at height ${claimed}, expected ${height}`, {
      height: claimed,
      expected: String(height),
      actual: String(claimed),
    });
  if (!equalBytes(bytesOf(header.previousHash), trusted.hash))
    fail('VERIFY_LINK', `block ${height} does not follow block ${trusted.height}`, {
      height,
      field: 'header.previousHash',
      expected: toHex(trusted.hash),
      actual: toHex(bytesOf(header.previousHash)),
    });
  if (u64(header.timeMs) <= trusted.timeMs)
    fail('VERIFY_LINK', `block ${height} is not later than block ${trusted.height}`, {
      height,
      field: 'header.timeMs',
      expected: `more than ${trusted.timeMs}`,
      actual: String(u64(header.timeMs)),
    });
  const set = setFor(trusted.nextValidatorsHash, trusted.nextValidators, options.validatorSets);
  if (!set)
    fail('VERIFY_VALIDATORS_HASH', `no validator set supplied for block ${height}`, {
      height,
      expected: toHex(trusted.nextValidatorsHash),
    });
  const verified = assertValidSignedHeader(header, commit, set, {
    chainId: options.chainId,
    hash: options.hash,
    height,
  });
  return {
    verified,
    trusted: {
      height,
      hash: verified.hash,
      timeMs: verified.timeMs,
      nextValidatorsHash: verified.nextValidatorsHash,
      nextValidators: setFor(verified.nextValidatorsHash, set, options.validatorSets),
    },
  };
}

/** Verifies consecutive signed headers after `trusted`; returns the last as trusted. */
export function assertValidHeaderChain(
  trusted: TrustedBlock,
  headers: readonly SignedHeaderLike[],
  options: ChainVerifyOptions,
): TrustedBlock {
  let current = trusted;
  headers.forEach((signed, i) => {
    const at = { height: current.height + 1n };
    if (!signed.header) fail('VERIFY_MALFORMED', `signed header ${i} has no header`, at);
    if (!signed.commit) fail('VERIFY_MALFORMED', `signed header ${i} has no certificate`, at);
    current = assertValidNextHeader(current, signed.header, signed.commit, options).trusted;
  });
  return current;
}
