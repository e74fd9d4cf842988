// Checks of single fields of a decoded transaction. A failed check throws FieldProblem naming
// the field; the caller turns it into a TransactionError for the operation at hand.
import { Point } from '@noble/ed25519';
import { AddressError, assertValidAddressBytes } from '../../assembly/bindings/crypto.ts';
import type { Long } from '../../proto/index.ts';
import { longToBigint } from '../../proto/index.ts';

export class FieldProblem extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'FieldProblem';
    this.field = field;
  }
}

export const ADDRESS_BYTES = 23;
export const PUBLIC_KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;
export const HASH_BYTES = 32;

/** A 23-byte address of DESIGN.md: 0xa0 0x01, 20 bytes of key hash, a CRC-8 of the first 22. */
export function checkAddress(value: Uint8Array | null | undefined, field: string): Uint8Array {
  const bytes = value ?? new Uint8Array(0);
  try {
    assertValidAddressBytes(bytes);
  } catch (error) {
    if (error instanceof AddressError) throw new FieldProblem(field, error.message);
    throw error;
  }
  return bytes;
}

/**
 * A key an account, meter or validator will be known by: 32 bytes, the canonical encoding of a
 * curve point, and not of small order (ADR 0004: verification accepts what ZIP-215 accepts, so
 * the keys themselves are screened where they enter the state).
 */
export function checkAccountKey(value: Uint8Array | null | undefined, field: string): Uint8Array {
  const key = checkLength(value, PUBLIC_KEY_BYTES, field);
  let point: ReturnType<typeof Point.fromBytes>;
  try {
    point = Point.fromBytes(key, false);
  } catch {
    throw new FieldProblem(field, 'not the canonical encoding of an Ed25519 point');
  }
  if (point.isSmallOrder()) throw new FieldProblem(field, 'a small-order point is no key');
  return key;
}

export function checkLength(
  value: Uint8Array | null | undefined,
  bytes: number,
  field: string,
): Uint8Array {
  if (!value || value.length !== bytes) {
    throw new FieldProblem(field, `expected ${bytes} bytes, got ${value?.length ?? 0}`);
  }
  return value;
}

export function checkMaxBytes(
  value: Uint8Array | null | undefined,
  maxBytes: number,
  field: string,
): void {
  if ((value?.length ?? 0) > maxBytes) throw new FieldProblem(field, `at most ${maxBytes} bytes`);
}

/** A uint64 of at least 1 (amounts, thresholds, powers). */
export function checkPositive(value: Long | number | null | undefined, field: string): bigint {
  const amount = toBigint(value);
  if (amount < 1n) throw new FieldProblem(field, 'must be at least 1');
  return amount;
}

export function toBigint(value: Long | number | null | undefined): bigint {
  if (value === null || value === undefined) return 0n;
  return typeof value === 'number' ? BigInt(value) : longToBigint(value);
}

/** Text of 1..maxChars characters without control characters. */
export function checkText(
  value: string | null | undefined,
  maxChars: number,
  field: string,
): string {
  const text = value ?? '';
  if (text.length === 0) throw new FieldProblem(field, 'must not be empty');
  if ([...text].length > maxChars) throw new FieldProblem(field, `at most ${maxChars} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
  if (/[\u0000-\u001f\u007f]/.test(text))
    throw new FieldProblem(field, 'control characters are not allowed');
  return text;
}

export function checkCount(
  items: readonly unknown[] | null | undefined,
  min: number,
  max: number,
  field: string,
): void {
  const count = items?.length ?? 0;
  if (count < min || count > max)
    throw new FieldProblem(field, `expected ${min} to ${max} entries, got ${count}`);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Entries strictly ascending by a byte-string or number key: sorted and unique, so one encoding. */
export function checkSortedUnique<T>(
  items: readonly T[],
  keyOf: (item: T) => Uint8Array | number,
  field: string,
): void {
  for (let i = 1; i < items.length; i++) {
    const a = keyOf(items[i - 1] as T);
    const b = keyOf(items[i] as T);
    const order =
      typeof a === 'number' && typeof b === 'number'
        ? a - b
        : compareBytes(a as Uint8Array, b as Uint8Array);
    if (order >= 0) throw new FieldProblem(field, 'entries must be sorted ascending and unique');
  }
}
