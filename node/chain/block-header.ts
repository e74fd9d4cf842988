// Headers, block hashes, validator-set hashes and the commit votes validators sign.
import { type HashAlgorithm, hash } from '../../assembly/bindings/crypto.ts';
import { bigintToLong, encodeCanonical, pvchain } from '../../proto/index.ts';

const v1 = pvchain.v1;
export const BLOCK_VERSION = 1;

// Validator-set hashing lives with the verification code that browsers share (light-client/verify).
export {
  encodeValidatorSet,
  type ValidatorEntry,
  validatorSetHash,
} from '../../light-client/verify/validator-set.ts';

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

/** What a validator signs to commit a block (the light client checks the same bytes). */
export { commitVoteSigningPayload as commitVotePayload } from '../../light-client/verify/commit-certificate.ts';
