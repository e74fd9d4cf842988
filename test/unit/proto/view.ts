/**
 * A schema-driven plain view of a message value: only what the canonical encoding carries
 * (defaults dropped), uint64 as bigint, bytes as hex. Used to compare what went into the
 * encoder with what came out of the decoder, whatever their JS representation.
 */
import { isLong, longToBigint, type MessageSchema, messageSchemas } from '../../../proto/index.ts';

type View = { [field: string]: unknown };

function scalarView(type: string, value: unknown): unknown {
  if (type === 'uint64') return longToBigint(value as number);
  if (type === 'bytes') return Buffer.from(value as Uint8Array).toString('hex');
  return value;
}

function isDefault(type: string, value: unknown): boolean {
  if (isLong(value)) return value.isZero();
  if (value instanceof Uint8Array) return value.length === 0;
  return value === 0 || value === '' || value === false || (type === 'uint64' && value === 0);
}

export function schemaOf(typeName: string): MessageSchema {
  const schema = messageSchemas[typeName];
  if (!schema) throw new Error(`no schema for ${typeName}`);
  return schema;
}

/** The view of `value`, a message of type `typeName`; records every message type seen. */
export function view(typeName: string, value: unknown, seen?: Set<string>): View {
  seen?.add(typeName);
  const out: View = {};
  const record = value as Record<string, unknown>;
  for (const field of schemaOf(typeName).fields) {
    if (!Object.hasOwn(record, field.name)) continue;
    const item = record[field.name];
    if (item === undefined || item === null) continue;
    const one = (v: unknown) =>
      field.kind === 'message' ? view(field.type, v, seen) : scalarView(field.type, v);
    if (field.repeated) {
      if ((item as unknown[]).length > 0) out[field.name] = (item as unknown[]).map(one);
    } else if (field.kind === 'message' || !isDefault(field.type, item)) {
      out[field.name] = one(item);
    }
  }
  return out;
}
