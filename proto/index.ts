/**
 * `pvchain/proto`: the generated message classes, the canonical codec, the signing payload,
 * size limits, uint64 helpers and errors. Runs in Node and in browsers (no node:* imports).
 */
export type { default as Long } from 'long';
export { decodeCanonical, encodeCanonical, typeNameOf } from './canonical.ts';
export type { CanonicalCodec, CodecOptions, MessageClass } from './codec.ts';
export {
  ProtoError,
  ProtoErrorCode,
  type ProtoErrorMetadata,
} from './errors.ts';
export { pvchain } from './generated/pvchain.js';
export type { FieldSchema, MessageSchema } from './generated/schema.js';
export { messageSchemas } from './generated/schema.js';
export {
  DEFAULT_MAX_BYTES,
  MAX_BLOCK_BYTES,
  MAX_BYTES_BY_TYPE,
  MAX_CERTIFICATE_BYTES,
  MAX_CONSENSUS_MESSAGE_BYTES,
  MAX_SYNC_RESPONSE_BYTES,
  MAX_TRANSACTION_BATCH_BYTES,
  MAX_TRANSACTION_BYTES,
  MAX_TRANSACTION_SIGNATURES_BYTES,
  maxBytesOf,
} from './limits.ts';
export { CONSENSUS_SIGNING_DOMAINS, encodeSigningPayload } from './signing.ts';
export { bigintToLong, isLong, LongClass, longToBigint, U64_MAX } from './u64.ts';
