// The validator set as PBFT sees it: sorted by address (the primary of view v is the v mod n-th),
// looked up by address, and quorums that count voting power: a quorum ("2f+1") is more than two
// thirds of the total, a weak quorum ("f+1") more than one third (at least one honest validator).
import type { PbftValidator } from './types.ts';

export const ADDRESS_BYTES = 23;
export const PUBLIC_KEY_BYTES = 32;
export const HASH_BYTES = 32;
export const SIGNATURE_BYTES = 64;

export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const fromHex = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
export const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && Buffer.compare(a, b) === 0;
export const compareBytes = (a: Uint8Array, b: Uint8Array): number => Buffer.compare(a, b);

export type ValidatorSet = {
  readonly sorted: readonly PbftValidator[];
  readonly total: bigint;
  byHex(hex: string): PbftValidator | undefined;
  get(address: Uint8Array): PbftValidator | undefined;
  powerOf(hex: string): bigint;
  primary(view: bigint): PbftValidator;
  /** Power strictly more than two thirds of the total. */
  isQuorum(power: bigint): boolean;
  /** Power strictly more than one third of the total. */
  isWeakQuorum(power: bigint): boolean;
  /** The summed power of distinct validators (hex addresses); unknown ones count 0. */
  power(hexes: Iterable<string>): bigint;
};

export function createValidatorSet(validators: readonly PbftValidator[]): ValidatorSet {
  if (!Array.isArray(validators)) throw new TypeError('validators must be an array');
  if (validators.length < 4) throw new RangeError('PBFT needs at least 4 validators');
  const byHex = new Map<string, PbftValidator>();
  let total = 0n;
  for (const v of validators) {
    if (!(v.address instanceof Uint8Array) || v.address.length !== ADDRESS_BYTES)
      throw new RangeError('a validator address is 23 bytes');
    if (!(v.publicKey instanceof Uint8Array) || v.publicKey.length !== PUBLIC_KEY_BYTES)
      throw new RangeError('a validator public key is 32 bytes');
    if (typeof v.votingPower !== 'bigint' || v.votingPower < 1n)
      throw new RangeError('voting power is a bigint of at least 1');
    const hex = toHex(v.address);
    if (byHex.has(hex)) throw new RangeError(`validator ${hex} is listed twice`);
    byHex.set(hex, {
      address: v.address.slice(),
      publicKey: v.publicKey.slice(),
      votingPower: v.votingPower,
    });
    total += v.votingPower;
  }
  const sorted = [...byHex.values()].sort((a, b) => compareBytes(a.address, b.address));
  const n = BigInt(sorted.length);
  const power = (hexes: Iterable<string>): bigint => {
    let sum = 0n;
    for (const hex of new Set(hexes)) sum += byHex.get(hex)?.votingPower ?? 0n;
    return sum;
  };
  return {
    sorted,
    total,
    byHex: (hex) => byHex.get(hex),
    get: (address) => byHex.get(toHex(address)),
    powerOf: (hex) => byHex.get(hex)?.votingPower ?? 0n,
    primary: (view) => sorted[Number(view % n)] as PbftValidator,
    isQuorum: (p) => 3n * p > 2n * total,
    isWeakQuorum: (p) => 3n * p > total,
    power,
  };
}

/**
 * The largest value x such that the validators whose value is at least x hold more than a third
 * of the power (so at least one honest validator is at x or beyond); null if none.
 */
export function weakQuorumValue(set: ValidatorSet, values: Map<string, bigint>): bigint | null {
  const ordered = [...values].sort((a, b) => (a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : 0));
  let power = 0n;
  for (const [hex, value] of ordered) {
    power += set.powerOf(hex);
    if (set.isWeakQuorum(power)) return value;
  }
  return null;
}
