// A SignedLightClientCheckpoint of a header, signed by `signers` (sorted by public key).
import { sign } from '../../../../assembly/bindings/crypto.ts';
import type { ValidatorSet } from '../../../../light-client/index.ts';
import {
  bigintToLong,
  encodeCanonical,
  encodeSigningPayload,
  pvchain,
} from '../../../../proto/index.ts';
import { CHAIN_ID, compare, type Key } from '../../../shared/verify-fixtures.ts';

const v1 = pvchain.v1;

export function signCheckpoint(
  at: { header: pvchain.v1.BlockHeader.$Properties; hash: Uint8Array },
  next: ValidatorSet,
  signers: readonly Key[],
): Uint8Array {
  const checkpoint = {
    height: at.header.height ?? bigintToLong(0n),
    blockHash: at.hash,
    nextValidatorsHash: next.hash,
    timeMs: at.header.timeMs ?? bigintToLong(0n),
  };
  const message = encodeSigningPayload(
    v1.SigningDomain.SIGNING_DOMAIN_LIGHT_CLIENT_CHECKPOINT,
    CHAIN_ID,
    encodeCanonical(v1.LightClientCheckpoint, checkpoint),
  );
  const signatures = [...signers]
    .sort((a, b) => compare(a.publicKey, b.publicKey))
    .map((k) => ({ publicKey: k.publicKey, signature: sign(message, k.secretKey) }));
  return encodeCanonical(v1.SignedLightClientCheckpoint, { checkpoint, signatures });
}
