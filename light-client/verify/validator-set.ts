// Validator sets: their canonical encoding and hash (what headers commit to in validators_hash
// and next_validators_hash), and a checked, indexed form that certificates are verified against.
import {
  addressBytesFromPublicKey,
  type HashAlgorithm,
  hash,
} from '../../assembly/bindings/crypto.ts';
import {
  bigintToLong,
  decodeCanonical,
  encodeCanonical,
  ProtoError,
  pvchain,
  U64_MAX,
} from '../../proto/index.ts';
import {
  ADDRESS_BYTES,
  bytesOf,
  checkSize,
  compareBytes,
  equalBytes,
  fail,
  PUBLIC_KEY_BYTES,
  toHex,
  u64,
} from './fields.ts';
import { VerifyError } from './verify-error.ts';

const v1 = pvchain.v1;

export type ValidatorEntry = { address: Uint8Array; publicKey: Uint8Array; votingPower: bigint };

/** The canonical ValidatorSet: validators sorted by address. */
export function encodeValidatorSet(validators: readonly ValidatorEntry[]): Uint8Array {
  const sorted = [...validators].sort((a, b) => compareBytes(a.address, b.address));
  return encodeCanonical(v1.ValidatorSet, {
    validators: sorted.map((v) => ({
      address: v.address,
      publicKey: v.publicKey,
      votingPower: bigintToLong(v.votingPower),
    })),
  });
}

/** The chain hash of the canonical ValidatorSet. */
export const validatorSetHash = (
  alg: HashAlgorithm,
  validators: readonly ValidatorEntry[],
): Uint8Array => hash(alg, encodeValidatorSet(validators));

/** A checked validator set: what certificates and headers are verified against. */
export type ValidatorSet = {
  /** Sorted by address, unique. */
  readonly validators: readonly ValidatorEntry[];
  /** validatorSetHash of the set. */
  readonly hash: Uint8Array;
  readonly totalPower: bigint;
  /** The member with this 23-byte address, if any. */
  member(address: Uint8Array): ValidatorEntry | undefined;
};

/**
 * Checks `validators` (in any order) and indexes them: at least one; 23-byte addresses derived
 * from 32-byte public keys; voting power at least 1 and a total that fits a uint64; each address
 * once (VERIFY_DUPLICATE_SIGNER). Anything else is VERIFY_MALFORMED.
 */
export function createValidatorSet(
  alg: HashAlgorithm,
  validators: readonly ValidatorEntry[],
): ValidatorSet {
  if (validators.length === 0) fail('VERIFY_MALFORMED', 'a validator set has at least one member');
  const byAddress = new Map<string, ValidatorEntry>();
  let totalPower = 0n;
  validators.forEach((v, i) => {
    const field = `validators[${i}]`;
    checkSize(v.address, ADDRESS_BYTES, `${field}.address`);
    checkSize(v.publicKey, PUBLIC_KEY_BYTES, `${field}.publicKey`);
    if (!equalBytes(addressBytesFromPublicKey(v.publicKey), v.address))
      fail('VERIFY_MALFORMED', `${field}: the address is not the public key's`, { field });
    if (v.votingPower < 1n || v.votingPower > U64_MAX)
      fail('VERIFY_MALFORMED', `${field}: voting power ${v.votingPower}`, { field });
    const key = toHex(v.address);
    if (byAddress.has(key))
      fail('VERIFY_DUPLICATE_SIGNER', `${key} is listed twice`, { field, validators: [key] });
    byAddress.set(key, {
      address: v.address.slice(),
      publicKey: v.publicKey.slice(),
      votingPower: v.votingPower,
    });
    totalPower += v.votingPower;
  });
  if (totalPower > U64_MAX) fail('VERIFY_MALFORMED', 'the total voting power exceeds a uint64');
  const sorted = [...byAddress.values()].sort((a, b) => compareBytes(a.address, b.address));
  return {
    validators: sorted,
    hash: validatorSetHash(alg, sorted),
    totalPower,
    member: (address) => byAddress.get(toHex(address)),
  };
}

/** A decoded ValidatorSet message (from a peer): sorted by address as the canonical form is. */
export function validatorSetFromMessage(
  alg: HashAlgorithm,
  message: pvchain.v1.ValidatorSet.$Properties,
): ValidatorSet {
  const entries = (message.validators ?? []).map((v) => ({
    address: bytesOf(v.address),
    publicKey: bytesOf(v.publicKey),
    votingPower: u64(v.votingPower),
  }));
  entries.forEach((v, i) => {
    const previous = entries[i - 1];
    if (previous && compareBytes(previous.address, v.address) > 0)
      fail('VERIFY_MALFORMED', 'validators are not sorted by address', { field: 'validators' });
  });
  return createValidatorSet(alg, entries);
}

/** Decodes a canonical ValidatorSet from a peer: size first, then the encoding, then the set. */
export function decodeValidatorSet(alg: HashAlgorithm, bytes: Uint8Array): ValidatorSet {
  let message: pvchain.v1.ValidatorSet;
  try {
    message = decodeCanonical(v1.ValidatorSet, bytes);
  } catch (error) {
    if (!(error instanceof ProtoError)) throw error;
    throw new VerifyError(
      'VERIFY_MALFORMED',
      `validator set: ${error.message}`,
      {},
      { cause: error },
    );
  }
  return validatorSetFromMessage(alg, message);
}
