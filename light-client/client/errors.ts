// What the light client says when a full node's answer does not verify: each VerifyError of
// light-client/verify becomes the LightClientError code a UI shows, with the peer and the
// verification's own code and details kept for the record.
import { VerifyError, type VerifyErrorCode } from '../verify/index.ts';
import {
  LightClientErrorCode as Code,
  LightClientError,
  type LightClientErrorCode,
} from './types.ts';

const CODE_OF: Partial<Record<VerifyErrorCode, LightClientErrorCode>> = {
  VERIFY_INSUFFICIENT_POWER: Code.MINORITY_SIGNED,
  VERIFY_VALIDATORS_HASH: Code.WRONG_VALIDATOR_SET,
  VERIFY_MALFORMED: Code.MALFORMED,
  VERIFY_CHAIN_ID: Code.WRONG_CHAIN,
};

/** The LightClientError for a VerifyError in what `peer` served (BAD_HEADER unless mapped). */
export function fromVerifyError(error: VerifyError, peer: string, what: string): LightClientError {
  const code = CODE_OF[error.code] ?? Code.BAD_HEADER;
  return new LightClientError(code, `${peer}: ${what}: ${error.message}`, {
    peer,
    verify: error.toJSON(),
  });
}

/** Runs `check`; a VerifyError it throws becomes the LightClientError of `peer`'s answer. */
export function verifying<T>(peer: string, what: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof VerifyError) throw fromVerifyError(error, peer, what);
    throw error;
  }
}

/** Codes that say a node served something false or unreadable: it is dropped. */
const DISHONEST: ReadonlySet<LightClientErrorCode> = new Set([
  Code.MALFORMED,
  Code.BAD_HEADER,
  Code.MINORITY_SIGNED,
  Code.WRONG_VALIDATOR_SET,
  Code.BAD_PROOF,
  Code.WITHHELD_HEAD,
  Code.WRONG_CHAIN,
]);

export const isDishonest = (error: unknown): error is LightClientError =>
  error instanceof LightClientError && DISHONEST.has(error.code);

/**
 * Codes after which asking another node is pointless: the client's verdict, the user's, or a
 * proven fact (the address asked for storage is no contract).
 */
const FINAL: ReadonlySet<LightClientErrorCode> = new Set([
  Code.CONFLICTING_HEADERS,
  Code.REJECTED,
  Code.NOT_A_CONTRACT,
]);

export const isFinal = (error: unknown): error is LightClientError =>
  error instanceof LightClientError && FINAL.has(error.code);
