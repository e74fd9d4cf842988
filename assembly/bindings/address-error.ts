/**
 * Errors of address parsing. Misuse by the caller (not a string, not a Uint8Array) throws the
 * built-in TypeError; an address that a user typed or a peer sent and that is not valid throws
 * AddressError with a stable `code`.
 */

export const AddressErrorCode = {
  /** Not 46 characters (text) or not 23 bytes (wire form). */
  LENGTH: 'ADDRESS_LENGTH',
  /** A character that is not lowercase hexadecimal. */
  HEX: 'ADDRESS_HEX',
  /** Not the BubiChain V3 account prefix a0 01. */
  PREFIX: 'ADDRESS_PREFIX',
  /** The last byte is not the CRC-8/MAXIM of the first 22. */
  CHECKSUM: 'ADDRESS_CHECKSUM',
} as const;

export type AddressErrorCode = (typeof AddressErrorCode)[keyof typeof AddressErrorCode];

export interface AddressErrorMetadata {
  /** The rejected address as text (at most 100 characters of it, hex for the wire form). */
  input: string;
  /** Its length: characters for text, bytes for the wire form. */
  length: number;
}

export class AddressError extends Error {
  readonly code: AddressErrorCode;
  readonly input: string;
  readonly length: number;

  constructor(code: AddressErrorCode, message: string, metadata: AddressErrorMetadata) {
    super(`${code}: ${message}`);
    this.name = 'AddressError';
    this.code = code;
    this.input = metadata.input.slice(0, 100);
    this.length = metadata.length;
  }

  /** The code and metadata, e.g. for structured logs and API error bodies. */
  toJSON(): { code: AddressErrorCode; message: string } & AddressErrorMetadata {
    const { code, message, input, length } = this;
    return { code, message, input, length };
  }
}
