// Decoders for what peers send to be verified: the size is checked first (the limits table of
// proto/limits.ts), then the canonical encoding; any failure is VERIFY_MALFORMED.
import { type CodecOptions, decodeCanonical, ProtoError, pvchain } from '../../proto/index.ts';
import { VerifyError } from './verify-error.ts';

const v1 = pvchain.v1;

function decode<M>(what: string, run: () => M): M {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof ProtoError)) throw error;
    throw new VerifyError('VERIFY_MALFORMED', `${what}: ${error.message}`, {}, { cause: error });
  }
}

export const decodeCommitCertificate = (
  bytes: Uint8Array,
  options?: CodecOptions,
): pvchain.v1.CommitCertificate =>
  decode('commit certificate', () => decodeCanonical(v1.CommitCertificate, bytes, options));

export const decodeSignedHeader = (
  bytes: Uint8Array,
  options?: CodecOptions,
): pvchain.v1.SignedHeader =>
  decode('signed header', () => decodeCanonical(v1.SignedHeader, bytes, options));

export const decodeBlock = (bytes: Uint8Array, options?: CodecOptions): pvchain.v1.Block =>
  decode('block', () => decodeCanonical(v1.Block, bytes, options));

export const decodeCommittedBlock = (
  bytes: Uint8Array,
  options?: CodecOptions,
): pvchain.v1.CommittedBlock =>
  decode('committed block', () => decodeCanonical(v1.CommittedBlock, bytes, options));
