// Why a header, a commit certificate, a validator set or a block does not verify: a stable code
// and the details a log, a peer score or an API answer needs. Anything a peer can send that does
// not hold throws VerifyError; misuse by the caller (wrong JS types) throws TypeError/RangeError.

export const VerifyErrorCode = {
  /** Not decodable, not canonical, too large, or a field of the wrong size or value. */
  MALFORMED: 'VERIFY_MALFORMED',
  /** The header (or the certificate) is for another chain id. */
  CHAIN_ID: 'VERIFY_CHAIN_ID',
  /** The height is not the expected one (or the certificate's is not the header's). */
  HEIGHT: 'VERIFY_HEIGHT',
  /** The certificate is for another block hash than the header's. */
  BLOCK_HASH: 'VERIFY_BLOCK_HASH',
  /** validators_hash is not the trusted set's, or no supplied set hashes to next_validators_hash. */
  VALIDATORS_HASH: 'VERIFY_VALIDATORS_HASH',
  /** The signers hold no more than two thirds of the set's voting power. */
  INSUFFICIENT_POWER: 'VERIFY_INSUFFICIENT_POWER',
  /** A signature of the certificate does not verify. */
  BAD_SIGNATURE: 'VERIFY_BAD_SIGNATURE',
  /** A signer is not a member of the validator set. */
  UNKNOWN_SIGNER: 'VERIFY_UNKNOWN_SIGNER',
  /** A validator signed twice (in a certificate, or listed twice in a set). */
  DUPLICATE_SIGNER: 'VERIFY_DUPLICATE_SIGNER',
  /** The proposer is not a member of the validator set. */
  PROPOSER: 'VERIFY_PROPOSER',
  /** The block does not follow the trusted one: previous hash, time, or its last commit. */
  LINK: 'VERIFY_LINK',
  /** The block's transactions do not hash to the header's transactions root. */
  TRANSACTIONS_ROOT: 'VERIFY_TRANSACTIONS_ROOT',
} as const;

export type VerifyErrorCode = (typeof VerifyErrorCode)[keyof typeof VerifyErrorCode];

export type VerifyErrorDetails = {
  /** Height of the header or certificate at fault. */
  height?: bigint;
  /** The field at fault, e.g. "header.validatorsHash" or "commit.signatures[2]". */
  field?: string;
  /** Hex addresses of the validators at fault (bad signatures, non-members, duplicates). */
  validators?: string[];
  /** What was expected and what was found, as text (hex for bytes). */
  expected?: string;
  actual?: string;
};

export class VerifyError extends Error {
  readonly code: VerifyErrorCode;
  readonly details: VerifyErrorDetails;

  constructor(
    code: VerifyErrorCode,
    message: string,
    details: VerifyErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
    this.name = 'VerifyError';
    this.code = code;
    this.details = details;
  }

  /** The code and details for structured logs and API error bodies (heights as decimal text). */
  toJSON(): { code: VerifyErrorCode; message: string } & Omit<VerifyErrorDetails, 'height'> & {
      height?: string;
    } {
    const { height, ...rest } = this.details;
    return {
      code: this.code,
      message: this.message,
      ...rest,
      ...(height === undefined ? {} : { height: height.toString() }),
    };
  }
}
