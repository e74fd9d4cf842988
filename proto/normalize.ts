/**
 * Normalisation before encoding: walks a message value along its schema and returns a fresh
 * plain object holding only what the canonical encoding writes. Default scalars (0, '',
 * false, empty bytes, zero Long, enum 0) and empty repeated fields are left out; present
 * message-typed fields are kept, even when empty. The input is never mutated.
 *
 * It also refuses values the generated encoder would silently mangle into bytes that no
 * canonical decoder accepts: numbers out of range (uint32 2^32 would be written as an
 * explicit 0), lone UTF-16 surrogates, unknown properties (typos would otherwise vanish),
 * two members of one oneof.
 */
import type { FieldSchema } from './generated/schema.js';
import type { CompiledMessage, SchemaRegistry } from './schema.ts';
import { isLong } from './u64.ts';

/** Why a value cannot be encoded: 'type' (wrong JS type / shape) or 'range' (bad value). */
export class NormalizeError extends Error {
  readonly kind: 'type' | 'range';
  constructor(kind: 'type' | 'range', message: string) {
    super(message);
    this.name = 'NormalizeError';
    this.kind = kind;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const INT32_MIN = -0x8000_0000;
const INT32_MAX = 0x7fff_ffff;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'a Uint8Array';
  return typeof value;
}

function integerIn(value: unknown, min: number, max: number, path: string, what: string) {
  if (typeof value !== 'number') {
    throw new NormalizeError(
      'type',
      `${path}: expected a number (${what}), got ${describe(value)}`,
    );
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new NormalizeError('range', `${path}: ${value} is not a ${what}`);
  }
  return value === 0;
}

/** Checks a scalar (or enum) value; returns whether it is the type's default. */
function checkScalar(field: FieldSchema, value: unknown, path: string): boolean {
  if (field.kind === 'enum') return integerIn(value, INT32_MIN, INT32_MAX, path, 'enum value');
  switch (field.type) {
    case 'uint32':
      return integerIn(value, 0, 0xffff_ffff, path, 'uint32');
    case 'uint64':
      if (isLong(value)) {
        if (!value.unsigned && value.high < 0) {
          throw new NormalizeError('range', `${path}: negative Long ${value} is not a uint64`);
        }
        return value.low === 0 && value.high === 0;
      }
      if (typeof value === 'bigint') {
        throw new NormalizeError('type', `${path}: a bigint; convert it with bigintToLong()`);
      }
      return integerIn(value, 0, Number.MAX_SAFE_INTEGER, path, 'uint64 (as a safe integer)');
    case 'bool':
      if (typeof value !== 'boolean') {
        throw new NormalizeError('type', `${path}: expected a boolean, got ${describe(value)}`);
      }
      return value === false;
    case 'string':
      if (typeof value !== 'string') {
        throw new NormalizeError('type', `${path}: expected a string, got ${describe(value)}`);
      }
      if (LONE_SURROGATE.test(value)) {
        throw new NormalizeError('range', `${path}: string is not well-formed Unicode`);
      }
      return value === '';
    case 'bytes':
      if (!(value instanceof Uint8Array)) {
        throw new NormalizeError('type', `${path}: expected a Uint8Array, got ${describe(value)}`);
      }
      return value.length === 0;
    default:
      throw new Error(`${path}: unsupported scalar type ${field.type}`);
  }
}

function isMessageObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array) &&
    !isLong(value)
  );
}

/** Returns the normalised copy of `value`, a message of type `message`. */
export function normalizeMessage(
  registry: SchemaRegistry,
  message: CompiledMessage,
  value: unknown,
  path: string,
): Record<string, unknown> {
  if (!isMessageObject(value)) {
    throw new NormalizeError(
      'type',
      `${path}: expected a ${message.name} object, got ${describe(value)}`,
    );
  }
  for (const key of Object.keys(value)) {
    if (!message.propertyNames.has(key)) {
      throw new NormalizeError('type', `${path}.${key}: not a field of ${message.name}`);
    }
  }
  const unknowns = Object.hasOwn(value, '$unknowns') ? value.$unknowns : undefined;
  if (Array.isArray(unknowns) && unknowns.length > 0) {
    throw new NormalizeError('type', `${path}: carries unknown fields`);
  }
  const out: Record<string, unknown> = {};
  for (const field of message.fields) {
    if (!Object.hasOwn(value, field.name)) continue;
    const item = value[field.name];
    if (item === undefined || item === null) continue;
    const at = `${path}.${field.name}`;
    const nested = field.kind === 'message' ? registry.ofName(field.type) : undefined;
    if (field.repeated) {
      if (!Array.isArray(item)) {
        throw new NormalizeError('type', `${at}: expected an array, got ${describe(item)}`);
      }
      if (item.length === 0) continue;
      out[field.name] = item.map((element: unknown, i) => {
        if (nested) return normalizeMessage(registry, nested, element, `${at}[${i}]`);
        checkScalar(field, element, `${at}[${i}]`);
        return element;
      });
    } else if (nested) {
      out[field.name] = normalizeMessage(registry, nested, item, at);
    } else if (!checkScalar(field, item, at)) {
      out[field.name] = item;
    }
  }
  for (const [name, members] of message.oneofs) {
    const set = members.filter((member) => out[member] !== undefined);
    if (set.length > 1) {
      throw new NormalizeError('type', `${path}: oneof ${name} has several members set: ${set}`);
    }
    const discriminator = Object.hasOwn(value, name) ? value[name] : undefined;
    if (discriminator !== undefined && discriminator !== null && discriminator !== set[0]) {
      throw new NormalizeError(
        'type',
        `${path}.${name}: says ${discriminator}, but ${set[0] ?? 'no member'} is set`,
      );
    }
  }
  return out;
}
