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
