// Headers, block hashes, validator-set hashes and the commit votes validators sign.
import { type HashAlgorithm, hash } from '../../assembly/bindings/crypto.ts';
import { bigintToLong, encodeCanonical, encodeSigningPayload, pvchain } from '../../proto/index.ts';

const v1 = pvchain.v1;
export const BLOCK_VERSION = 1;

export type ValidatorEntry = { address: Uint8Array; publicKey: Uint8Array; votingPower: bigint };

/** The canonical ValidatorSet: validators sorted by address. */
export function encodeValidatorSet(validators: readonly ValidatorEntry[]): Uint8Array {
  const sorted = [...validators].sort((a, b) => Buffer.compare(a.address, b.address));
  return encodeCanonical(v1.ValidatorSet, {
    validators: sorted.map((v) => ({
      address: v.address,
      publicKey: v.publicKey,
      votingPower: bigintToLong(v.votingPower),
    })),
  });
}

export const validatorSetHash = (
  alg: HashAlgorithm,
  validators: readonly ValidatorEntry[],
): Uint8Array => hash(alg, encodeValidatorSet(validators));

export type HeaderFields = {
  chainId: string;
  height: bigint;
  timeMs: bigint;
  previousHash: Uint8Array;
  transactionsRoot: Uint8Array;
  receiptsRoot: Uint8Array;
  stateRoot: Uint8Array;
  validatorsHash: Uint8Array;
  nextValidatorsHash: Uint8Array;
  proposer: Uint8Array;
  lastCommitHash: Uint8Array;
};

export function encodeHeader(fields: HeaderFields): Uint8Array {
  return encodeCanonical(v1.BlockHeader, {
    ...fields,
    version: BLOCK_VERSION,
    height: bigintToLong(fields.height),
    timeMs: bigintToLong(fields.timeMs),
  });
}

/** The block hash: the chain hash of the header's canonical encoding. */
export const blockHash = (alg: HashAlgorithm, headerBytes: Uint8Array): Uint8Array =>
  hash(alg, headerBytes);

/** What a validator signs to commit a block: SigningPayload { COMMIT, chain id, CommitVote }. */
export function commitVotePayload(
  chainId: string,
  vote: { height: bigint; view: bigint; blockHash: Uint8Array; validator: Uint8Array },
): Uint8Array {
  const body = encodeCanonical(v1.CommitVote, {
    height: bigintToLong(vote.height),
    view: bigintToLong(vote.view),
    blockHash: vote.blockHash,
    validator: vote.validator,
  });
  return encodeSigningPayload(v1.SigningDomain.SIGNING_DOMAIN_COMMIT, chainId, body);
}
