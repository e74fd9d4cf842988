/**
 * The canonical codec over a set of generated message classes. What is hashed or signed is
 * the canonical encoding: fields in field-number order, default values never written, repeated
 * scalars packed, minimal varints, no unknown fields. The decoder accepts exactly the
 * canonical encodings: it decodes, re-encodes canonically and demands the same bytes back.
 *
 * Use the instance bound to pvchain's schemas from canonical.ts; this factory exists so that
 * tests can bind the same machinery to fixture schemas.
 */
import type { Reader, Writer } from 'protobufjs/minimal.js';
import { ProtoError, ProtoErrorCode } from './errors.ts';
import type { MessageSchema } from './generated/schema.js';
import { NormalizeError, normalizeMessage } from './normalize.ts';
import { type CompiledMessage, createSchemaRegistry } from './schema.ts';

/** A generated message class: `P` is what it encodes, `M` what it decodes to. */
export interface MessageClass<P, M> {
  encode(message: P, writer?: Writer): Writer;
  decode(reader: Reader | Uint8Array, length?: number): M;
}

export interface CodecOptions {
  /** Overrides the type's size limit (bytes) from the limits table. */
  maxBytes?: number;
}

export interface CanonicalCodec {
  /**
   * The canonical encoding of `message` (a plain object or a generated instance; never
   * mutated), as a fresh Uint8Array. TypeError / RangeError for values that are not a valid
   * message; ProtoError PROTO_TOO_LARGE when the encoding exceeds the size limit.
   */
  encodeCanonical<P, M>(type: MessageClass<P, M>, message: P, options?: CodecOptions): Uint8Array;
  /**
   * Decodes the canonical encoding of a message. TypeError unless `bytes` is a Uint8Array;
   * then, before any parsing, ProtoError PROTO_TOO_LARGE above the size limit; then
   * PROTO_MALFORMED when it does not decode and PROTO_NON_CANONICAL when it decodes but is
   * not the canonical encoding of the result. The result never shares memory with `bytes`.
   */
  decodeCanonical<P, M>(type: MessageClass<P, M>, bytes: Uint8Array, options?: CodecOptions): M;
  /** The full message name of a generated class, e.g. "pvchain.v1.Transaction". */
  typeNameOf(type: MessageClass<unknown, unknown>): string;
}

export interface CanonicalCodecOptions {
  /** The generated module's namespace object (holding e.g. `pvchain`). */
  generated: object;
  /** The generated field tables, by full message name. */
  schemas: Readonly<Record<string, MessageSchema>>;
  /** Size limit of a type, by full name. */
  maxBytesOf: (typeName: string) => number;
}

/** A fresh, exactly sized, plain Uint8Array (not a Buffer, not a view into a pool). */
function exactCopy(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy;
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createCanonicalCodec(opts: CanonicalCodecOptions): CanonicalCodec {
  const registry = createSchemaRegistry(opts.generated, opts.schemas);

  function limitOf(message: CompiledMessage, options: CodecOptions | undefined): number {
    const maxBytes = options?.maxBytes;
    if (maxBytes === undefined) return opts.maxBytesOf(message.name);
    if (typeof maxBytes !== 'number') throw new TypeError('maxBytes must be a number');
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
      throw new RangeError(`maxBytes must be a non-negative integer, got ${maxBytes}`);
    }
    return maxBytes;
  }

  /** Normalises and encodes; returns the writer so the size is known before copying. */
  function write<P>(type: MessageClass<P, unknown>, message: CompiledMessage, value: unknown) {
    const normalized = normalizeMessage(registry, message, value, message.name);
    return type.encode(normalized as P);
  }

  return {
    encodeCanonical(type, value, options) {
      const message = registry.ofClass(type);
      const maxBytes = limitOf(message, options);
      let writer: Writer;
      try {
        writer = write(type, message, value);
      } catch (error) {
        if (!(error instanceof NormalizeError)) throw error;
        throw error.kind === 'range' ? new RangeError(error.message) : new TypeError(error.message);
      }
      if (writer.len > maxBytes) {
        const meta = { typeName: message.name, sizeBytes: writer.len, maxBytes };
        throw new ProtoError(ProtoErrorCode.TOO_LARGE, 'encoding exceeds the limit', meta);
      }
      return exactCopy(writer.finish());
    },

    decodeCanonical(type, bytes, options) {
      const message = registry.ofClass(type);
      if (!(bytes instanceof Uint8Array)) {
        throw new TypeError(`${message.name}: expected a Uint8Array, got ${typeof bytes}`);
      }
      const maxBytes = limitOf(message, options);
      const meta = { typeName: message.name, sizeBytes: bytes.length, maxBytes };
      if (bytes.length > maxBytes) {
        throw new ProtoError(ProtoErrorCode.TOO_LARGE, 'input exceeds the limit', meta);
      }
      const input = exactCopy(bytes);
      let decoded: ReturnType<typeof type.decode>;
      try {
        decoded = type.decode(input);
      } catch (cause) {
        throw new ProtoError(ProtoErrorCode.MALFORMED, describeError(cause), meta, { cause });
      }
      let canonical: Uint8Array;
      try {
        canonical = write(type, message, decoded).finish();
      } catch (cause) {
        throw new ProtoError(ProtoErrorCode.NON_CANONICAL, describeError(cause), meta, { cause });
      }
      const at = firstDifference(canonical, input);
      if (at !== -1) {
        const detail = `not the canonical encoding of its content (first difference at byte ${at})`;
        throw new ProtoError(ProtoErrorCode.NON_CANONICAL, detail, meta);
      }
      return decoded;
    },

    typeNameOf(type) {
      return registry.ofClass(type).name;
    },
  };
}
