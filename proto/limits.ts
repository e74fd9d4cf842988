/**
 * Size limits, in bytes, of the encodings of pvchain messages: the one table both the
 * decoder (checks the input size before parsing) and the encoder (refuses to produce what
 * no peer would accept) use. Types not listed get DEFAULT_MAX_BYTES.
 */

const KiB = 1024;
const MiB = 1024 * KiB;

/** Limit of any message type without an entry in MAX_BYTES_BY_TYPE. */
export const DEFAULT_MAX_BYTES = 64 * KiB;

/** A transaction body (also bounds DEPLOY_CONTRACT code). */
export const MAX_TRANSACTION_BYTES = 64 * KiB;
/** Room for the signatures of a signed transaction (about 80 of them). */
export const MAX_TRANSACTION_SIGNATURES_BYTES = 8 * KiB;
/** A certificate: about 700 validator signatures. */
export const MAX_CERTIFICATE_BYTES = 64 * KiB;
/** A block, transactions included. */
export const MAX_BLOCK_BYTES = 4 * MiB;
/** A consensus message: a pre-prepare with its block, or a new-view with its proofs. */
export const MAX_CONSENSUS_MESSAGE_BYTES = 8 * MiB;
/** Signed transactions gossiped as one message (TransactionBatch). */
export const MAX_TRANSACTION_BATCH_BYTES = 1 * MiB;
/** A sync / light-client response (several blocks). */
export const MAX_SYNC_RESPONSE_BYTES = 16 * MiB;

const MAX_SIGNED_TRANSACTION_BYTES = MAX_TRANSACTION_BYTES + MAX_TRANSACTION_SIGNATURES_BYTES;

/** Full message name -> maximum encoded size in bytes. */
export const MAX_BYTES_BY_TYPE: Readonly<Record<string, number>> = {
  'pvchain.v1.Transaction': MAX_TRANSACTION_BYTES,
  'pvchain.v1.SignedTransaction': MAX_SIGNED_TRANSACTION_BYTES,
  'pvchain.v1.TransactionBatch': MAX_TRANSACTION_BATCH_BYTES,
  'pvchain.v1.BlockHeader': 1 * KiB,
  'pvchain.v1.CommitCertificate': MAX_CERTIFICATE_BYTES,
  'pvchain.v1.CheckpointCertificate': MAX_CERTIFICATE_BYTES,
  'pvchain.v1.SignedHeader': 1 * KiB + MAX_CERTIFICATE_BYTES,
  'pvchain.v1.Block': MAX_BLOCK_BYTES,
  'pvchain.v1.CommittedBlock': MAX_BLOCK_BYTES + MAX_CERTIFICATE_BYTES,
  'pvchain.v1.ValidatorSet': MAX_CERTIFICATE_BYTES,
  'pvchain.v1.ConsensusMessage': MAX_CONSENSUS_MESSAGE_BYTES,
  'pvchain.v1.NewView': MAX_CONSENSUS_MESSAGE_BYTES,
  'pvchain.v1.ViewChange': MAX_CONSENSUS_MESSAGE_BYTES,
  'pvchain.v1.SignedViewChange': MAX_CONSENSUS_MESSAGE_BYTES,
  // What is signed can be as large as the largest signed message.
  'pvchain.v1.SigningPayload': MAX_CONSENSUS_MESSAGE_BYTES + 1 * KiB,
  'pvchain.v1.Account': 64 * KiB,
  'pvchain.v1.Receipt': 64 * KiB,
  'pvchain.v1.SyncRequest': MAX_SIGNED_TRANSACTION_BYTES + 1 * KiB,
  'pvchain.v1.SyncResponse': MAX_SYNC_RESPONSE_BYTES,
  'pvchain.v1.BlocksResponse': MAX_SYNC_RESPONSE_BYTES,
  'pvchain.v1.HeadersResponse': MAX_SYNC_RESPONSE_BYTES,
  'pvchain.v1.AccountProofResponse': 1 * MiB,
  'pvchain.v1.StorageProofResponse': 1 * MiB,
};

/** The size limit of a message type, by full name. */
export function maxBytesOf(typeName: string): number {
  return MAX_BYTES_BY_TYPE[typeName] ?? DEFAULT_MAX_BYTES;
}
