// Where a client's trust starts and how it is kept: the genesis (its hash, time and validator
// set) or a checkpoint that more than two thirds of the named set's power signed, and the trusted
// head a store holds between page loads, each turned into the TrustedBlock that verification
// continues from.
import {
  addressBytesFromPublicKey,
  type HashAlgorithm,
  verifyBatch,
} from '../../assembly/bindings/crypto.ts';
import {
  decodeCanonical,
  encodeCanonical,
  encodeSigningPayload,
  ProtoError,
  pvchain,
} from '../../proto/index.ts';
import { bytesOf, compareBytes, equalBytes, toHex, u64 } from '../verify/fields.ts';
import {
  createValidatorSet,
  isQuorum,
  type TrustedBlock,
  trustBlock,
  type ValidatorSet,
} from '../verify/index.ts';
import { verifying } from './errors.ts';
import {
  LightClientErrorCode as Code,
  LightClientError,
  type TrustedHead,
  type TrustRoot,
} from './types.ts';

const v1 = pvchain.v1;

/** A trusted block whose next signing set is known (what the client always holds). */
export type Anchor = TrustedBlock & { nextValidators: ValidatorSet; stateRoot: Uint8Array };

const NO_STATE = new Uint8Array(0);
const CHECKPOINT = 'trust root checkpoint';

function signedCheckpoint(bytes: Uint8Array): pvchain.v1.SignedLightClientCheckpoint {
  try {
    return decodeCanonical(v1.SignedLightClientCheckpoint, bytes);
  } catch (error) {
    if (!(error instanceof ProtoError)) throw error;
    throw new LightClientError(Code.MALFORMED, `${CHECKPOINT}: ${error.message}`);
  }
}

/**
 * Checks a signed checkpoint: `set` is the one it names to sign next, and distinct members of it
 * holding more than two thirds of its power signed it (sorted by public key, all valid).
 */
function assertValidCheckpoint(
  chainId: string,
  signed: pvchain.v1.SignedLightClientCheckpoint,
  set: ValidatorSet,
): pvchain.v1.LightClientCheckpoint.$Properties {
  const checkpoint = signed.checkpoint ?? {};
  if (!equalBytes(bytesOf(checkpoint.nextValidatorsHash), set.hash))
    throw new LightClientError(Code.WRONG_VALIDATOR_SET, `${CHECKPOINT}: names another set`, {
      expected: toHex(set.hash),
    });
  const body = encodeCanonical(v1.LightClientCheckpoint, checkpoint);
  const message = encodeSigningPayload(
    v1.SigningDomain.SIGNING_DOMAIN_LIGHT_CLIENT_CHECKPOINT,
    chainId,
    body,
  );
  const signatures = signed.signatures.map((s) => ({
    publicKey: bytesOf(s.publicKey),
    signature: bytesOf(s.signature),
    message,
  }));
  let power = 0n;
  signatures.forEach((s, i) => {
    const previous = signatures[i - 1];
    const member = s.publicKey.length === 32 && set.member(addressBytesFromPublicKey(s.publicKey));
    if (!member || !equalBytes(member.publicKey, s.publicKey) || s.signature.length !== 64)
      throw new LightClientError(Code.BAD_HEADER, `${CHECKPOINT}: signature ${i} is no member's`);
    if (previous && compareBytes(previous.publicKey, s.publicKey) >= 0)
      throw new LightClientError(Code.MALFORMED, `${CHECKPOINT}: signatures not sorted, unique`);
    power += member.votingPower;
  });
  if (!isQuorum(power, set.totalPower))
    throw new LightClientError(Code.MINORITY_SIGNED, `${CHECKPOINT}: signed by ${power} power`, {
      totalPower: String(set.totalPower),
    });
  if (!verifyBatch(signatures).every(Boolean))
    throw new LightClientError(Code.BAD_HEADER, `${CHECKPOINT}: a signature does not verify`);
  return checkpoint;
}

/** The anchor a trust root gives, and the genesis hash that names the chain. */
export function anchorOfRoot(
  alg: HashAlgorithm,
  chainId: string,
  root: TrustRoot,
): { anchor: Anchor; genesisHash: Uint8Array } {
  const set = verifying('trust root', 'validators', () => createValidatorSet(alg, root.validators));
  if (root.kind === 'genesis') {
    const block = { height: 0n, hash: root.genesisHash, timeMs: root.genesisTimeMs };
    return {
      anchor: { ...trustBlock(block, set), nextValidators: set, stateRoot: NO_STATE },
      genesisHash: root.genesisHash,
    };
  }
  const checkpoint = assertValidCheckpoint(chainId, signedCheckpoint(root.signedCheckpoint), set);
  const block = {
    height: u64(checkpoint.height),
    hash: bytesOf(checkpoint.blockHash),
    timeMs: u64(checkpoint.timeMs),
  };
  return {
    anchor: { ...trustBlock(block, set), nextValidators: set, stateRoot: NO_STATE },
    genesisHash: root.genesisHash,
  };
}

/** The anchor of a head a store kept (the store is the client's own: its sets are rechecked). */
export function anchorOfHead(alg: HashAlgorithm, head: TrustedHead): Anchor {
  const set = verifying('store', 'next validators', () =>
    createValidatorSet(alg, head.nextValidators),
  );
  return {
    ...trustBlock({ height: head.height, hash: head.headerHash, timeMs: head.timeMs }, set),
    nextValidators: set,
    stateRoot: head.stateRoot,
  };
}

/** The head a store keeps for an anchor. */
export const headOfAnchor = (anchor: Anchor): TrustedHead => ({
  height: anchor.height,
  headerHash: anchor.hash,
  timeMs: anchor.timeMs,
  stateRoot: anchor.stateRoot,
  nextValidators: anchor.nextValidators.validators.map((v) => ({ ...v })),
});
