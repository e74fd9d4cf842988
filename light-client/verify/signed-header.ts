// A header with the certificate that makes it final: the header is well formed, for this chain
// and height, signed by the trusted validator set (validators_hash is the set's hash), proposed
// by a member, and the certificate is a quorum of that set for the header's hash.
import { type HashAlgorithm, hash } from '../../assembly/bindings/crypto.ts';
import { encodeCanonical, pvchain } from '../../proto/index.ts';
import { assertValidCommitCertificate, type VerifiedCommit } from './commit-certificate.ts';
import {
  ADDRESS_BYTES,
  bytesOf,
  checkSize,
  equalBytes,
  fail,
  HASH_BYTES,
  toHex,
  u64,
} from './fields.ts';
import type { ValidatorSet } from './validator-set.ts';
import { VerifyError } from './verify-error.ts';

/** The block format version this code verifies. */
export const BLOCK_VERSION = 1;

/** The block hash: the chain hash of the header's canonical encoding. */
export const headerHash = (alg: HashAlgorithm, header: pvchain.v1.BlockHeader.$Properties) =>
  hash(alg, encodeCanonical(pvchain.v1.BlockHeader, header));

export type HeaderOptions = {
  chainId: string;
  hash: HashAlgorithm;
  /** The height the header must have, when the caller knows it. */
  height?: bigint;
};

/** A header whose certificate verified, with its fields read. */
export type VerifiedHeader = {
  header: pvchain.v1.BlockHeader.$Properties;
  height: bigint;
  hash: Uint8Array;
  timeMs: bigint;
  previousHash: Uint8Array;
  validatorsHash: Uint8Array;
  nextValidatorsHash: Uint8Array;
  lastCommitHash: Uint8Array;
  commit: VerifiedCommit;
};

/**
 * The checks that need no validator set: version, chain id, height at least 1 (the genesis is
 * not voted on), 32-byte hashes, a 23-byte proposer, and a last commit hash exactly when the
 * previous block is not the genesis.
 */
function readHeader(header: pvchain.v1.BlockHeader.$Properties, options: HeaderOptions) {
  const height = u64(header.height);
  const at = { height };
  if ((header.version ?? 0) !== BLOCK_VERSION)
    fail('VERIFY_MALFORMED', `block version ${header.version ?? 0}`, { ...at, field: 'version' });
  if ((header.chainId ?? '') !== options.chainId)
    fail('VERIFY_CHAIN_ID', `header of chain ${JSON.stringify(header.chainId ?? '')}`, {
      ...at,
      expected: options.chainId,
      actual: header.chainId ?? '',
    });
  if (height < 1n || (options.height !== undefined && height !== options.height))
    fail('VERIFY_HEIGHT', `header at height ${height}`, {
      ...at,
      ...(options.height === undefined ? {} : { expected: String(options.height) }),
      actual: String(height),
    });
  const sized = (name: keyof pvchain.v1.BlockHeader.$Properties, size: number) =>
    checkSize(bytesOf(header[name] as Uint8Array | null | undefined), size, `header.${name}`, at);
  for (const name of ['transactionsRoot', 'receiptsRoot', 'stateRoot'] as const)
    sized(name, HASH_BYTES);
  const lastCommitHash = bytesOf(header.lastCommitHash);
  if (height === 1n ? lastCommitHash.length !== 0 : lastCommitHash.length !== HASH_BYTES)
    fail('VERIFY_MALFORMED', `last commit hash of ${lastCommitHash.length} bytes`, {
      ...at,
      field: 'header.lastCommitHash',
    });
  return {
    height,
    timeMs: u64(header.timeMs),
    previousHash: sized('previousHash', HASH_BYTES),
    validatorsHash: sized('validatorsHash', HASH_BYTES),
    nextValidatorsHash: sized('nextValidatorsHash', HASH_BYTES),
    proposer: sized('proposer', ADDRESS_BYTES),
    lastCommitHash,
  };
}

/**
 * Verifies a header and its commit certificate against `trustedSet`, the validator set that signs
 * blocks at the header's height, or throws VerifyError.
 */
export function assertValidSignedHeader(
  header: pvchain.v1.BlockHeader.$Properties,
  commit: pvchain.v1.CommitCertificate.$Properties,
  trustedSet: ValidatorSet,
  options: HeaderOptions,
): VerifiedHeader {
  const fields = readHeader(header, options);
  const { height } = fields;
  if (!equalBytes(fields.validatorsHash, trustedSet.hash))
    fail('VERIFY_VALIDATORS_HASH', `header at ${height} is signed by another validator set`, {
      height,
      expected: toHex(trustedSet.hash),
      actual: toHex(fields.validatorsHash),
    });
  if (!trustedSet.member(fields.proposer))
    fail('VERIFY_PROPOSER', `the proposer of block ${height} is not a validator`, {
      height,
      validators: [toHex(fields.proposer)],
    });
  const blockHash = headerHash(options.hash, header);
  const verified = assertValidCommitCertificate(commit, trustedSet, {
    chainId: options.chainId,
    height,
    blockHash,
  });
  return {
    header,
    height,
    hash: blockHash,
    timeMs: fields.timeMs,
    previousHash: fields.previousHash,
    validatorsHash: fields.validatorsHash,
    nextValidatorsHash: fields.nextValidatorsHash,
    lastCommitHash: fields.lastCommitHash,
    commit: verified,
  };
}

/** Whether the header and its certificate verify against `trustedSet`. */
export function verifySignedHeader(
  header: pvchain.v1.BlockHeader.$Properties,
  commit: pvchain.v1.CommitCertificate.$Properties,
  trustedSet: ValidatorSet,
  options: HeaderOptions,
): boolean {
  try {
    assertValidSignedHeader(header, commit, trustedSet, options);
    return true;
  } catch (error) {
    if (error instanceof VerifyError) return false;
    throw error;
  }
}
