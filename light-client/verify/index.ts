// Verification of headers, commit certificates, validator sets and blocks: the one
// implementation of "is this final" that browsers and the full node's block sync share.
export {
  assertValidBlock,
  assertValidBlockChain,
  assertValidCommittedBlock,
  transactionsRootOf,
} from './block-chain.ts';
export {
  assertValidCommitCertificate,
  type CommitExpectations,
  type CommitVoteFields,
  commitVoteSigningPayload,
  isQuorum,
  type VerifiedCommit,
  verifyCommitCertificate,
} from './commit-certificate.ts';
export {
  decodeBlock,
  decodeCommitCertificate,
  decodeCommittedBlock,
  decodeSignedHeader,
} from './decode.ts';
export {
  assertValidHeaderChain,
  assertValidNextHeader,
  type ChainVerifyOptions,
  type SignedHeaderLike,
  type TrustedBlock,
  trustBlock,
} from './header-chain.ts';
export {
  assertValidSignedHeader,
  BLOCK_VERSION,
  type HeaderOptions,
  headerHash,
  type VerifiedHeader,
  verifySignedHeader,
} from './signed-header.ts';
export {
  createValidatorSet,
  decodeValidatorSet,
  encodeValidatorSet,
  type ValidatorEntry,
  type ValidatorSet,
  validatorSetFromMessage,
  validatorSetHash,
} from './validator-set.ts';
export {
  VerifyError,
  VerifyErrorCode,
  type VerifyErrorDetails,
} from './verify-error.ts';
