import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bigintToLong, isLong, LongClass, longToBigint, U64_MAX } from '../../../proto/index.ts';

describe('uint64 helpers', () => {
  it('convert bigint <-> Long exactly over the whole range', () => {
    for (const value of [0n, 1n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 63n, U64_MAX]) {
      const long = bigintToLong(value);
      assert.equal(long.unsigned, true);
      assert.equal(long.toString(), value.toString());
      assert.equal(longToBigint(long), value);
    }
    assert.equal(U64_MAX, 18446744073709551615n);
  });

  it('reject values outside 0 ..= 2^64 - 1 with RangeError', () => {
    assert.throws(() => bigintToLong(-1n), RangeError);
    assert.throws(() => bigintToLong(2n ** 64n), RangeError);
    assert.throws(() => longToBigint(LongClass.fromInt(-1)), RangeError); // signed, negative
    assert.throws(() => longToBigint(-1), RangeError);
    assert.throws(() => longToBigint(2 ** 53), RangeError); // not exact as a number
    assert.throws(() => longToBigint(1.5), RangeError);
  });

  it('reject values of the wrong type with TypeError', () => {
    assert.throws(() => bigintToLong(5 as never), TypeError);
    assert.throws(() => longToBigint('5' as never), TypeError);
    assert.throws(() => longToBigint({ low: 1, high: 0 } as never), TypeError);
  });

  it('read safe numbers and signed non-negative Longs', () => {
    assert.equal(longToBigint(0), 0n);
    assert.equal(longToBigint(Number.MAX_SAFE_INTEGER), 2n ** 53n - 1n);
    assert.equal(longToBigint(LongClass.fromString('9223372036854775807')), 2n ** 63n - 1n);
  });

  it('recognise Longs', () => {
    assert.equal(isLong(bigintToLong(1n)), true);
    assert.equal(isLong({ low: 0, high: 0, unsigned: true }), false);
    assert.equal(isLong(1n), false);
    assert.equal(isLong(null), false);
  });
});
