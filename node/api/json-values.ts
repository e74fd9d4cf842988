// How the API writes and reads values in JSON: bytes as lowercase hex, uint64 as decimal strings
// (JSON numbers lose precision above 2^53), addresses as their 46-character text, enums by name.
import { AddressError, formatAddress, parseAddress } from '../../assembly/bindings/crypto.ts';
import { isLong, type Long, longToBigint, pvchain } from '../../proto/index.ts';
import { ApiError, ApiErrorCode } from './api-error.ts';

export const hex = (bytes: Uint8Array | null | undefined): string =>
  bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex') : '';

/** An address's text, or '' for none (the genesis account's creator). */
export const addressText = (bytes: Uint8Array | null | undefined): string =>
  bytes && bytes.length > 0 ? formatAddress(bytes) : '';

export const u64 = (value: bigint | number | Long | null | undefined): string => {
  if (value === null || value === undefined) return '0';
  if (isLong(value)) return longToBigint(value as Long).toString();
  return BigInt(value).toString();
};

/** The enum value's name without its prefix, lowercased: ACCOUNT_ROLE_GRID -> grid. */
export function enumName(names: Record<number, string>, value: number, prefix: string): string {
  const name = names[value];
  return name ? name.slice(prefix.length).toLowerCase() : String(value);
}

export const resultName = (code: number): string =>
  pvchain.v1.ResultCode[code as pvchain.v1.ResultCode] ?? `RESULT_CODE_${code}`;

/** A path or query address, or API_INVALID_PARAMETER naming what is wrong with it. */
export function parseAddressParam(text: string, name = 'address'): Uint8Array {
  try {
    return parseAddress(text);
  } catch (error) {
    if (!(error instanceof AddressError) && !(error instanceof TypeError)) throw error;
    throw new ApiError(ApiErrorCode.INVALID_PARAMETER, `${name}: ${(error as Error).message}`);
  }
}

/** A 32-byte hash given as 64 hex characters. */
export function parseHashParam(text: string, name = 'hash'): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(text))
    throw new ApiError(
      ApiErrorCode.INVALID_PARAMETER,
      `${name}: expected 64 lowercase hex characters`,
    );
  return new Uint8Array(Buffer.from(text, 'hex'));
}

/** A height: decimal digits of a uint64. */
export function parseHeightParam(text: string, name = 'height'): bigint {
  if (!/^(0|[1-9][0-9]{0,19})$/.test(text))
    throw new ApiError(ApiErrorCode.INVALID_PARAMETER, `${name}: expected a decimal height`);
  const value = BigInt(text);
  if (value >= 1n << 64n)
    throw new ApiError(ApiErrorCode.INVALID_PARAMETER, `${name}: above 2^64 - 1`);
  return value;
}

/**
 * A decoded protobuf message as JSON: bytes as hex (addresses as their text where the field is a
 * 23-byte address), 64-bit integers as strings, enums by name. For operations in transactions.
 */
export function protoToJson(value: unknown): unknown {
  if (value instanceof Uint8Array) return value.length === 23 ? safeAddress(value) : hex(value);
  if (isLong(value)) return longToBigint(value as Long).toString();
  if (Array.isArray(value)) return value.map(protoToJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = protoToJson(v);
    return out;
  }
  return value;
}

function safeAddress(bytes: Uint8Array): string {
  try {
    return formatAddress(bytes);
  } catch {
    return hex(bytes);
  }
}
