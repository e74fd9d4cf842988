/**
 * Builds proto/generated/ from proto/*.proto (`npm run build:proto`):
 *
 * 1. loads the schemas with protobufjs and checks the rules of docs/adr/0002 (proto3, one
 *    package, no maps, no proto3 `optional`, no recursive types, oneof members are messages,
 *    only uint64/uint32/bool/string/bytes/enum/message fields, enum values prefixed with the
 *    enum name and a zero value);
 * 2. runs protobufjs-cli's pbjs (static ES module, 64-bit fields as Long) and pbts (types);
 * 3. writes schema.js / schema.d.ts, the field tables the canonical codec walks;
 * 4. imports the result once (Node ESM) and round-trips 2^64 - 1 as a smoke test;
 * 5. replaces the output directory only when everything above succeeded.
 *
 * Exits non-zero with a message on any failure. Also importable (tests build fixtures).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import protobuf from 'protobufjs';

const SCALAR_TYPES = new Set(['uint64', 'uint32', 'bool', 'string', 'bytes']);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export interface BuildProtoOptions {
  /** Directory holding the .proto files (not recursive). */
  protoDir: string;
  /** Output directory; replaced as a whole on success. */
  outDir: string;
  /** The one package every schema file must declare. */
  packageName: string;
  /** Base name of the generated module (`<baseName>.js`, `<baseName>.d.ts`). */
  baseName: string;
  /** Name under `protobuf.roots` (keeps separately generated modules apart). */
  rootName: string;
  /** Module id the generated code imports protobufjs from. */
  dependency?: string;
  /** Also generate `<baseName>.d.ts` with pbts (slow: runs jsdoc). */
  dts?: boolean;
  log?: (line: string) => void;
}

export interface BuildProtoResult {
  files: string[];
  messageCount: number;
  enumCount: number;
  outputs: { file: string; sizeBytes: number }[];
}

export class SchemaRuleError extends Error {
  readonly problems: readonly string[];
  constructor(problems: string[]) {
    super(`schema rules violated:\n  ${problems.join('\n  ')}`);
    this.name = 'SchemaRuleError';
    this.problems = problems;
  }
}

function upperSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function allOf(ns: protobuf.NamespaceBase, out: protobuf.ReflectionObject[] = []) {
  for (const nested of ns.nestedArray) {
    out.push(nested);
    if (nested instanceof protobuf.Namespace) allOf(nested, out); // Type extends Namespace
  }
  return out;
}

const SNAKE = /^[a-z][a-z0-9]*(_[a-z][a-z0-9]*)*$/;
const camel = (name: string) => protobuf.util.camelCase(name);

function checkType(type: protobuf.Type, problems: string[]): void {
  const where = type.fullName.slice(1);
  if (!/^[A-Z][A-Za-z0-9]*$/.test(type.name)) problems.push(`${where}: use PascalCase names`);
  for (const oneof of type.oneofsArray) {
    if (oneof.isProto3Optional) problems.push(`${where}: proto3 \`optional\` is not allowed`);
    else if (!SNAKE.test(oneof.name)) problems.push(`${where}.${oneof.name}: use snake_case`);
  }
  for (const field of type.fieldsArray) {
    const at = `${where}.${field.name}`;
    if (field instanceof protobuf.MapField || field.map) {
      problems.push(`${at}: map fields are not allowed`);
      continue;
    }
    if (field.options?.proto3_optional) continue; // reported by its synthetic oneof
    if (field.required) problems.push(`${at}: required fields are not allowed`);
    if (!SNAKE.test(field.name)) problems.push(`${at}: use snake_case names`);
    if (field.id >= 19000 && field.id <= 19999) problems.push(`${at}: reserved field number`);
    const resolved = field.resolvedType;
    if (resolved === null && !SCALAR_TYPES.has(field.type)) {
      problems.push(
        `${at}: type ${field.type} is not allowed (use ${[...SCALAR_TYPES].join(', ')})`,
      );
    }
    if (field.partOf && !(resolved instanceof protobuf.Type)) {
      problems.push(`${at}: oneof members must be messages`);
    }
  }
}

function checkEnum(en: protobuf.Enum, problems: string[]): void {
  const where = en.fullName.slice(1);
  const prefix = `${upperSnake(en.name)}_`;
  const ids = Object.values(en.values);
  if (!ids.includes(0)) problems.push(`${where}: needs a value 0`);
  if (new Set(ids).size !== ids.length) problems.push(`${where}: aliases are not allowed`);
  for (const [name, id] of Object.entries(en.values)) {
    if (!name.startsWith(prefix)) problems.push(`${where}.${name}: must start with ${prefix}`);
    if (id < 0) problems.push(`${where}.${name}: negative values are not allowed`);
  }
}

function checkAcyclic(types: protobuf.Type[], problems: string[]): void {
  const state = new Map<protobuf.Type, 'visiting' | 'done'>();
  const visit = (type: protobuf.Type, trail: string[]): void => {
    if (state.get(type) === 'done') return;
    if (state.get(type) === 'visiting') {
      problems.push(`recursive message types: ${[...trail, type.name].join(' -> ')}`);
      return;
    }
    state.set(type, 'visiting');
    for (const field of type.fieldsArray) {
      if (field.resolvedType instanceof protobuf.Type)
        visit(field.resolvedType, [...trail, type.name]);
    }
    state.set(type, 'done');
  };
  for (const type of types) visit(type, []);
}

/**
 * Loads the schema files (field names as written: snake_case) and returns the reflected
 * root, or throws SchemaRuleError listing every violated rule.
 */
export async function loadSchemas(files: string[], packageName: string): Promise<protobuf.Root> {
  const problems: string[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    if (!/^syntax = "proto3";$/m.test(text)) problems.push(`${file}: must be syntax = "proto3"`);
    if (!new RegExp(`^package ${packageName.replaceAll('.', '\\.')};$`, 'm').test(text)) {
      problems.push(`${file}: must declare package ${packageName}`);
    }
  }
  const root = new protobuf.Root();
  root.loadSync(files, { keepCase: true, alternateCommentMode: true }).resolveAll();
  const objects = allOf(root);
  const types = objects.filter((o): o is protobuf.Type => o instanceof protobuf.Type);
  for (const object of objects) {
    const fullName = object.fullName.slice(1);
    if (object instanceof protobuf.Type) checkType(object, problems);
    else if (object instanceof protobuf.Enum) checkEnum(object, problems);
    else if (object instanceof protobuf.Service) problems.push(`${fullName}: no services`);
    else if (!(object instanceof protobuf.Namespace)) problems.push(`${fullName}: not allowed`);
    const enclosesPackage = `${packageName}.`.startsWith(`${fullName}.`);
    if (!enclosesPackage && !fullName.startsWith(`${packageName}.`)) {
      problems.push(`${fullName}: outside package ${packageName}`);
    }
  }
  checkAcyclic(types, problems);
  if (problems.length > 0) throw new SchemaRuleError(problems);
  return root;
}

/** The field tables of every message, in the shape proto/generated/schema.d.ts declares. */
export function schemaTables(root: protobuf.Root) {
  const types = allOf(root).filter((o): o is protobuf.Type => o instanceof protobuf.Type);
  const tables: Record<string, unknown> = {};
  for (const type of types.sort((a, b) => (a.fullName < b.fullName ? -1 : 1))) {
    const fields = [...type.fieldsArray]
      .sort((a, b) => a.id - b.id)
      .map((field) => {
        const resolved = field.resolvedType;
        const kind = resolved instanceof protobuf.Type ? 'message' : resolved ? 'enum' : 'scalar';
        return {
          name: camel(field.name),
          id: field.id,
          kind,
          type: resolved ? resolved.fullName.slice(1) : field.type,
          repeated: field.repeated,
          oneof: field.partOf ? camel(field.partOf.name) : null,
        };
      });
    const oneofs = Object.fromEntries(
      type.oneofsArray.map((o) => [camel(o.name), o.oneof.map(camel)]),
    );
    tables[type.fullName.slice(1)] = { fields, oneofs };
  }
  return tables;
}

const SCHEMA_DTS = `// Generated by scripts/build-proto.ts: do not edit.
export interface FieldSchema {
  /** Property name (camelCase) in the generated code. */
  readonly name: string;
  readonly id: number;
  readonly kind: 'scalar' | 'enum' | 'message';
  /** Scalar type name, or the full name of the enum / message type. */
  readonly type: string;
  readonly repeated: boolean;
  /** Name of the oneof the field belongs to. */
  readonly oneof: string | null;
}
export interface MessageSchema {
  /** Sorted by field number. */
  readonly fields: readonly FieldSchema[];
  /** Oneof name -> member property names. */
  readonly oneofs: Readonly<Record<string, readonly string[]>>;
}
/** Full message name (e.g. "pvchain.v1.Transaction") -> its fields. */
export declare const messageSchemas: Readonly<Record<string, MessageSchema>>;
`;

/**
 * Runs pbjs. Types come from a commented pass (pbts reads the JSDoc); the runtime module from
 * a pass without comments, which is otherwise identical and about half the size.
 */
function runPbjs(opts: BuildProtoOptions, files: string[], outJs: string, comments: boolean) {
  const args = ['-t', 'static-module', '-w', 'es6', '--root', opts.rootName, '--force-long'];
  args.push('--alt-comment', '--no-verify', '--no-convert', '--no-delimited', '--no-typeurl');
  args.push('--no-service', '-p', opts.protoDir, '-o', outJs);
  if (opts.dependency) args.push('--dependency', opts.dependency);
  args.push(...(comments ? ['--dts'] : ['--no-comments']));
  opts.log?.(`pbjs ${args.join(' ')} ${files.map((f) => path.basename(f)).join(' ')}`);
  const pbjs = require.resolve('protobufjs-cli/bin/pbjs');
  execFileSync(process.execPath, [pbjs, ...args, ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
}

async function smokeTest(outJs: string, tables: Record<string, unknown>): Promise<void> {
  const generated: Record<string, unknown> = await import(pathToFileURL(outJs).href);
  // Throws when protobufjs found no Long implementation (package "long").
  const { bigintToLong, U64_MAX } = await import('../proto/u64.ts');
  type Codec = { encode(m: object): { finish(): Uint8Array }; decode(b: Uint8Array): object };
  let checkedU64 = false;
  for (const [name, table] of Object.entries(tables)) {
    let node: unknown = generated;
    for (const part of name.split('.'))
      node = (node as Record<string, unknown> | undefined)?.[part];
    const codec = node as Codec | undefined;
    if (typeof codec?.encode !== 'function' || typeof codec.decode !== 'function') {
      throw new Error(`generated module lacks a codec for ${name}`);
    }
    const fields = (table as { fields: { name: string; type: string; repeated: boolean }[] })
      .fields;
    const u64 = fields.find((f) => f.type === 'uint64' && !f.repeated);
    if (checkedU64 || !u64) continue;
    const max = bigintToLong(U64_MAX);
    const decoded = codec.decode(codec.encode({ [u64.name]: max }).finish()) as Record<
      string,
      object
    >;
    if (String(decoded[u64.name]) !== '18446744073709551615') {
      throw new Error(`${name}.${u64.name}: 2^64 - 1 did not round-trip exactly`);
    }
    checkedU64 = true;
  }
}

export async function buildProto(opts: BuildProtoOptions): Promise<BuildProtoResult> {
  const files = (await readdir(opts.protoDir))
    .filter((f) => f.endsWith('.proto'))
    .sort()
    .map((f) => path.join(opts.protoDir, f));
  if (files.length === 0) throw new Error(`no .proto files in ${opts.protoDir}`);
  const root = await loadSchemas(files, opts.packageName);
  const tables = schemaTables(root);
  const all = allOf(root);
  const enumCount = all.filter((o) => o instanceof protobuf.Enum).length;
  opts.log?.(
    `checked ${files.length} files: ${Object.keys(tables).length} messages, ${enumCount} enums`,
  );

  const parent = path.dirname(path.resolve(opts.outDir));
  await mkdir(parent, { recursive: true });
  const tmp = await mkdtemp(path.join(parent, `.${path.basename(opts.outDir)}-`));
  try {
    const outJs = path.join(tmp, `${opts.baseName}.js`);
    if (opts.dts) {
      const commented = path.join(tmp, 'commented.js');
      runPbjs(opts, files, commented, true);
      await rename(path.join(tmp, 'commented.d.ts'), path.join(tmp, `${opts.baseName}.d.ts`));
      await rm(commented);
    }
    runPbjs(opts, files, outJs, false);
    const header = '// Generated by scripts/build-proto.ts from the .proto files: do not edit.\n';
    await writeFile(outJs, header + (await readFile(outJs, 'utf8')));
    const schemaJs = `${header}export const messageSchemas = ${JSON.stringify(tables, null, 2)};\n`;
    await writeFile(path.join(tmp, 'schema.js'), schemaJs);
    await writeFile(path.join(tmp, 'schema.d.ts'), SCHEMA_DTS);
    await smokeTest(outJs, tables);
    await rm(opts.outDir, { recursive: true, force: true });
    await rename(tmp, opts.outDir);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  const outputs = [];
  for (const name of (await readdir(opts.outDir)).sort()) {
    const file = path.join(opts.outDir, name);
    outputs.push({ file, sizeBytes: (await stat(file)).size });
  }
  return { files, messageCount: Object.keys(tables).length, enumCount, outputs };
}

async function main(): Promise<void> {
  const log = (line: string) => console.log(`build-proto: ${line}`);
  const result = await buildProto({
    protoDir: path.join(repoRoot, 'proto'),
    outDir: path.join(repoRoot, 'proto', 'generated'),
    packageName: 'pvchain.v1',
    baseName: 'pvchain',
    rootName: 'pvchain',
    dts: true,
    log,
  });
  for (const { file, sizeBytes } of result.outputs) {
    log(`wrote ${path.relative(repoRoot, file)} (${(sizeBytes / 1024).toFixed(1)} KiB)`);
  }
  log('ok: smoke test round-tripped 2^64 - 1 through the generated ES module');
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    const stderr = (error as { stderr?: Buffer }).stderr;
    if (stderr?.length) console.error(String(stderr));
    console.error(`build-proto: FAILED: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  });
}
