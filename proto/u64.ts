/**
 * uint64 values: the generated code represents every 64-bit field as a `Long` (package
 * `long`, through protobufjs); application code computes with `bigint`. These helpers
 * convert exactly and range-check: anything outside 0 ..= 2^64 - 1 is a RangeError.
 */
import type Long from 'long';
import $protobuf from 'protobufjs/minimal.js';

/** 2^64 - 1, the largest uint64. */
export const U64_MAX = 0xffff_ffff_ffff_ffffn;

const LongImpl = $protobuf.util.Long as unknown as typeof Long | null;
if (!LongImpl) {
  // Without it protobufjs would silently decode 64-bit fields into lossy numbers.
  throw new Error('protobufjs has no Long implementation: the package "long" is missing');
}
/** The Long class protobufjs itself uses (one class, whichever module system loaded it). */
export const LongClass: typeof Long = LongImpl;

/** Whether `value` is a Long (of any copy of the `long` package). */
export function isLong(value: unknown): value is Long {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { __isLong__?: unknown }).__isLong__ === true
  );
}

/** A uint64 as an unsigned Long; RangeError outside 0 ..= 2^64 - 1. */
export function bigintToLong(value: bigint): Long {
  if (typeof value !== 'bigint') throw new TypeError(`expected a bigint, got ${typeof value}`);
  if (value < 0n || value > U64_MAX) throw new RangeError(`${value} is not a uint64`);
  const low = Number(value & 0xffff_ffffn) | 0;
  const high = Number(value >> 32n) | 0;
  return LongClass.fromBits(low, high, true);
}

/**
 * The uint64 a Long (or a number) stands for. An unsigned Long is read as its 64 bits; a
 * signed Long or a number must be a non-negative integer (numbers: at most 2^53 - 1).
 */
export function longToBigint(value: Long | number): bigint {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`${value} is not a uint64 that a number can hold exactly`);
    }
    return BigInt(value);
  }
  if (!isLong(value)) throw new TypeError('expected a Long or a number');
  if (!value.unsigned && value.high < 0) throw new RangeError(`${value} is not a uint64`);
  return (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
}
