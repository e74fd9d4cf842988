// Small helpers of the verification functions: byte comparison and hex without Buffer, and the
// reading of message fields that may be absent (proto3 leaves default values out).
import type Long from 'long';
import { longToBigint } from '../../proto/index.ts';
import {
  type VerifyErrorCode as Code,
  VerifyError,
  type VerifyErrorDetails,
} from './verify-error.ts';

/** The chain hash (SHA-256 or SM3) is 32 bytes. */
export const HASH_BYTES = 32;
export const SIGNATURE_BYTES = 64;
export const PUBLIC_KEY_BYTES = 32;
export const ADDRESS_BYTES = 23;

const EMPTY = new Uint8Array(0);

/** Bytewise order, shorter first on a common prefix. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && compareBytes(a, b) === 0;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += HEX[byte];
  return text;
}

/** A uint64 field that may be absent (= 0). */
export const u64 = (value: Long | number | null | undefined): bigint =>
  value === null || value === undefined ? 0n : longToBigint(value);

/** A bytes field that may be absent (= empty). */
export const bytesOf = (value: Uint8Array | null | undefined): Uint8Array => value ?? EMPTY;

export function fail(code: Code, message: string, details: VerifyErrorDetails = {}): never {
  throw new VerifyError(code, message, details);
}

/** Throws VERIFY_MALFORMED unless `value` is `size` bytes long. */
export function checkSize(
  value: Uint8Array,
  size: number,
  field: string,
  details: VerifyErrorDetails = {},
): Uint8Array {
  if (value.length !== size)
    fail('VERIFY_MALFORMED', `${field} must be ${size} bytes, got ${value.length}`, {
      ...details,
      field,
    });
  return value;
}
