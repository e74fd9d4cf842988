/**
 * Errors of the canonical codec. Misuse by the caller (a value of the wrong JS type, a
 * number out of range) throws the built-in TypeError / RangeError; anything a peer or a user
 * can cause with bytes or sizes throws ProtoError with a stable `code`.
 */

export const ProtoErrorCode = {
  /** The input (or an encoding) is larger than the type's size limit; nothing was parsed. */
  TOO_LARGE: 'PROTO_TOO_LARGE',
  /** Not decodable: truncated, an invalid wire type or varint, invalid UTF-8, too deep. */
  MALFORMED: 'PROTO_MALFORMED',
  /**
   * Decodable, but not the canonical encoding of what it decodes to: an explicit default
   * value, an unknown or duplicated field, fields out of order, a non-minimal varint, an
   * unpacked repeated scalar, two members of a oneof, trailing bytes.
   */
  NON_CANONICAL: 'PROTO_NON_CANONICAL',
} as const;

export type ProtoErrorCode = (typeof ProtoErrorCode)[keyof typeof ProtoErrorCode];

export interface ProtoErrorMetadata {
  /** Full message name, e.g. "pvchain.v1.Transaction". */
  typeName: string;
  /** Size of the input (decoding) or of the encoding (encoding). */
  sizeBytes: number;
  /** The size limit that applied. */
  maxBytes: number;
}

export class ProtoError extends Error {
  readonly code: ProtoErrorCode;
  readonly typeName: string;
  readonly sizeBytes: number;
  readonly maxBytes: number;

  constructor(
    code: ProtoErrorCode,
    message: string,
    metadata: ProtoErrorMetadata,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${metadata.typeName}: ${message}`, options);
    this.name = 'ProtoError';
    this.code = code;
    this.typeName = metadata.typeName;
    this.sizeBytes = metadata.sizeBytes;
    this.maxBytes = metadata.maxBytes;
  }

  /** The code and metadata, e.g. for structured logs and API error bodies. */
  toJSON(): { code: ProtoErrorCode; message: string } & ProtoErrorMetadata {
    const { code, message, typeName, sizeBytes, maxBytes } = this;
    return { code, message, typeName, sizeBytes, maxBytes };
  }
}
