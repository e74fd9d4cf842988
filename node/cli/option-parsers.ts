// Parsers of option values for commander: each returns the value or throws commander's
// InvalidArgumentError, which commander reports naming the option ("option '--households <n>'
// argument '0' is invalid. ...") and which the program turns into exit code 2.
import { InvalidArgumentError } from 'commander';

/** An integer in [min, max]. */
export const integerIn =
  (min: number, max: number) =>
  (text: string): number => {
    const value = /^[+-]?\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max)
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}.`);
    return value;
  };

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const decimal = (text: string): number => (DECIMAL.test(text.trim()) ? Number(text) : Number.NaN);

/** A finite number in [min, max] (decimal notation). */
export const numberIn =
  (min: number, max: number) =>
  (text: string): number => {
    const value = decimal(text);
    if (!Number.isFinite(value) || value < min || value > max)
      throw new InvalidArgumentError(`expected a number from ${min} to ${max}.`);
    return value;
  };

/** A finite number above 0. */
export const positiveNumber = (text: string): number => {
  const value = decimal(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new InvalidArgumentError('expected a number above 0.');
  return value;
};

/** A real calendar date, `YYYY-MM-DD`. */
export const calendarDate = (text: string): string => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const parsed = new Date(Date.UTC(y, m - 1, d));
  if (
    !match ||
    parsed.getUTCFullYear() !== y ||
    parsed.getUTCMonth() !== m - 1 ||
    parsed.getUTCDate() !== d
  )
    throw new InvalidArgumentError('expected a calendar date as YYYY-MM-DD.');
  return text;
};

/** Minutes that divide a day (1440) evenly. */
export const dayDivisorMinutes = (text: string): number => {
  const value = integerIn(1, 1440)(text);
  if (1440 % value !== 0)
    throw new InvalidArgumentError(
      'expected minutes that divide a day (1440) evenly, e.g. 5, 15, 60.',
    );
  return value;
};

const U64_MAX = 2n ** 64n - 1n;

/** An unsigned 64-bit integer above 0 (amounts in Wh or fen), as a bigint. */
export const positiveU64 = (text: string): bigint => {
  const value = /^\d+$/.test(text.trim()) ? BigInt(text.trim()) : -1n;
  if (value <= 0n || value > U64_MAX)
    throw new InvalidArgumentError('expected a whole number from 1 to 2^64-1.');
  return value;
};

/** kWh with at most 3 decimals (whole Wh), above 0, as Wh. */
export const kwhAsWh = (text: string): bigint => {
  const match = /^(\d+)(?:\.(\d{1,3}))?$/.exec(text.trim());
  const wh = match
    ? BigInt(match[1] as string) * 1000n + BigInt((match[2] ?? '').padEnd(3, '0'))
    : 0n;
  if (wh <= 0n || wh > U64_MAX)
    throw new InvalidArgumentError('expected kWh above 0 with at most 3 decimals, e.g. 2.5.');
  return wh;
};

/** An address: 46 lowercase hex characters starting a001. */
export const addressText = (text: string): string => {
  if (!/^a001[0-9a-f]{42}$/.test(text.trim()))
    throw new InvalidArgumentError('expected an address: 46 hex characters starting with a001.');
  return text.trim();
};

/** A transaction hash: 64 hex characters (0x allowed). */
export const hashText = (text: string): string => {
  const hex = text.trim().replace(/^0x/, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new InvalidArgumentError('expected a transaction hash: 64 hex characters.');
  return hex;
};
