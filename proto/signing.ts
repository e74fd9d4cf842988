/**
 * What every signature in pvchain signs: the canonical encoding of
 * SigningPayload { domain, chain_id, body }, so that the chain id and the kind of message
 * are inside the signed bytes (docs/adr/0002, DESIGN.md "Keys, signatures").
 */
import { encodeCanonical } from './canonical.ts';
import { pvchain } from './generated/pvchain.js';

const { SigningDomain, SigningPayload } = pvchain.v1;

/**
 * The bytes to sign / verify for `body` (the canonical encoding of the message `domain`
 * names) on chain `chainId`. RangeError for SIGNING_DOMAIN_UNSPECIFIED, an unknown domain or
 * an empty chain id; TypeError for values of the wrong type.
 */
export function encodeSigningPayload(
  domain: pvchain.v1.SigningDomain,
  chainId: string,
  body: Uint8Array,
): Uint8Array {
  if (typeof domain !== 'number') throw new TypeError('domain must be a SigningDomain number');
  if (domain === SigningDomain.SIGNING_DOMAIN_UNSPECIFIED || SigningDomain[domain] === undefined) {
    throw new RangeError(`not a signing domain: ${domain}`);
  }
  if (typeof chainId !== 'string') throw new TypeError('chainId must be a string');
  if (chainId === '') throw new RangeError('chainId must not be empty');
  if (!(body instanceof Uint8Array)) throw new TypeError('body must be a Uint8Array');
  return encodeCanonical(SigningPayload, { domain, chainId, body });
}

/** The signing domain of each ConsensusMessage body member. */
export const CONSENSUS_SIGNING_DOMAINS = {
  prePrepare: SigningDomain.SIGNING_DOMAIN_PRE_PREPARE,
  prepare: SigningDomain.SIGNING_DOMAIN_PREPARE,
  commit: SigningDomain.SIGNING_DOMAIN_COMMIT,
  checkpoint: SigningDomain.SIGNING_DOMAIN_CHECKPOINT,
  viewChange: SigningDomain.SIGNING_DOMAIN_VIEW_CHANGE,
  newView: SigningDomain.SIGNING_DOMAIN_NEW_VIEW,
} as const satisfies Record<
  NonNullable<pvchain.v1.ConsensusMessage['body']>,
  pvchain.v1.SigningDomain
>;
