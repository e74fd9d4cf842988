// Why block sync gave up on a peer: a stable code. Codes a peer earns by sending bad data are
// penalised (together with every VerifyError code and CHAIN_INVALID_BLOCK); the others (a peer
// that does not answer in time, or answers that it is busy) are retried and in the end dropped.

export const SyncErrorCode = {
  /** The response does not decode, has another body than the protocol's, or more than asked. */
  MALFORMED: 'SYNC_MALFORMED',
  /** The peer is on another chain: chain id or genesis hash. */
  WRONG_CHAIN: 'SYNC_WRONG_CHAIN',
  /** The peer claimed a head it then did not serve. */
  WITHHELD: 'SYNC_WITHHELD',
  /** The block at the peer's claimed head height has another hash than it claimed. */
  HEAD_MISMATCH: 'SYNC_HEAD_MISMATCH',
  /** No answer in time, or the transport failed. */
  UNREACHABLE: 'SYNC_UNREACHABLE',
  /** The peer answered with an error: rate limited, unavailable, internal. */
  BUSY: 'SYNC_PEER_BUSY',
  /** The caller's AbortSignal fired. */
  ABORTED: 'SYNC_ABORTED',
} as const;

export type SyncErrorCode = (typeof SyncErrorCode)[keyof typeof SyncErrorCode];

/** The codes that mean a peer sent bad data on purpose or by a fault: it is penalised. */
export const PENALISED_SYNC_CODES: ReadonlySet<SyncErrorCode> = new Set<SyncErrorCode>([
  'SYNC_MALFORMED',
  'SYNC_WRONG_CHAIN',
  'SYNC_WITHHELD',
  'SYNC_HEAD_MISMATCH',
]);

export class SyncError extends Error {
  readonly code: SyncErrorCode;
  constructor(code: SyncErrorCode, message: string, options?: { cause?: unknown }) {
    super(`${code}: ${message}`, options);
    this.name = 'SyncError';
    this.code = code;
  }
}
