// The chain's errors, with stable codes.
export class ChainError extends Error {
  readonly code:
    | 'CHAIN_STATE_MISMATCH'
    | 'CHAIN_MISSING_BLOCK'
    /** A received block is malformed, or does not match what executing it gives. */
    | 'CHAIN_INVALID_BLOCK'
    /** No proposal is pending, or another one is. */
    | 'CHAIN_NO_PENDING';
  constructor(code: ChainError['code'], message: string) {
    super(`${code}: ${message}`);
    this.name = 'ChainError';
    this.code = code;
  }
}
