/**
 * Binds the generated field tables (generated/schema.js) to the generated message classes
 * (generated/pvchain.js): which class is which message, and what its fields are.
 */
import type { FieldSchema, MessageSchema } from './generated/schema.js';

export type { FieldSchema, MessageSchema };

/** A message type with everything the codec needs to walk a value of it. */
export interface CompiledMessage {
  /** Full name, e.g. "pvchain.v1.Transaction". */
  readonly name: string;
  readonly fields: readonly FieldSchema[];
  /** Every property name a value may have: the fields and the oneof discriminators. */
  readonly propertyNames: ReadonlySet<string>;
  readonly oneofs: readonly (readonly [name: string, members: readonly string[]])[];
}

export interface SchemaRegistry {
  /** The compiled message of a generated class; TypeError when it is not one of them. */
  ofClass(type: object): CompiledMessage;
  /** The compiled message of a full name (as referenced by a message-typed field). */
  ofName(name: string): CompiledMessage;
}

function lookup(generated: object, fullName: string): unknown {
  let node: unknown = generated;
  for (const part of fullName.split('.')) {
    if ((typeof node !== 'object' && typeof node !== 'function') || node === null) return;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * @param generated the generated module's namespace object (holding e.g. `pvchain`)
 * @param schemas the generated field tables, by full message name
 */
export function createSchemaRegistry(
  generated: object,
  schemas: Readonly<Record<string, MessageSchema>>,
): SchemaRegistry {
  const byName = new Map<string, CompiledMessage>();
  const byClass = new Map<unknown, CompiledMessage>();
  for (const [name, schema] of Object.entries(schemas)) {
    const oneofs = Object.entries(schema.oneofs);
    const compiled: CompiledMessage = {
      name,
      fields: schema.fields,
      propertyNames: new Set([...schema.fields.map((f) => f.name), ...oneofs.map(([n]) => n)]),
      oneofs,
    };
    const type = lookup(generated, name);
    if (typeof type !== 'function') {
      throw new Error(`generated code and schema tables disagree: no class for ${name}`);
    }
    byName.set(name, compiled);
    byClass.set(type, compiled);
  }
  for (const compiled of byName.values()) {
    for (const field of compiled.fields) {
      if (field.kind === 'message' && !byName.has(field.type)) {
        throw new Error(`${compiled.name}.${field.name}: unknown message type ${field.type}`);
      }
    }
  }
  return {
    ofClass(type) {
      const compiled = byClass.get(type);
      if (!compiled) throw new TypeError('not a generated pvchain message class');
      return compiled;
    },
    ofName(name) {
      const compiled = byName.get(name);
      if (!compiled) throw new Error(`unknown message type ${name}`);
      return compiled;
    },
  };
}
