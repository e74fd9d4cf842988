import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createCanonicalCodec, type MessageClass } from '../../../proto/codec.ts';
import type { MessageSchema } from '../../../proto/generated/schema.js';
import {
  bigintToLong,
  decodeCanonical,
  encodeCanonical,
  ProtoError,
  pvchain,
  U64_MAX,
} from '../../../proto/index.ts';
import { buildProto, loadSchemas, SchemaRuleError } from '../../../scripts/build-proto.ts';
import { concat, len, tag, varint, WireType } from './wire.ts';

const HEADER = 'syntax = "proto3";\npackage fixture.v1;\n';

/** A schema with what pvchain's own lacks today: repeated scalars (packed). */
const FIXTURE = `${HEADER}
enum Color { COLOR_UNSPECIFIED = 0; COLOR_RED = 1; }
message Inner { bytes key = 1; }
message Packed {
  repeated uint32 weights = 1;
  repeated uint64 amounts = 2;
  repeated bool flags = 3;
  repeated Color colors = 4;
  repeated string names = 5;
  Inner inner = 6;
}
`;

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pvchain-build-proto-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rulesOf(source: string): Promise<string[]> {
  const sub = await mkdtemp(path.join(dir, 'rules-'));
  const file = path.join(sub, 'fixture.proto');
  await writeFile(file, source);
  try {
    await loadSchemas([file], 'fixture.v1');
    return [];
  } catch (error) {
    assert.ok(error instanceof SchemaRuleError, String(error));
    return [...error.problems];
  }
}

describe('schema rules (scripts/build-proto.ts)', () => {
  it('accept a schema that follows them', async () => {
    assert.deepEqual(await rulesOf(FIXTURE), []);
  });

  const violations: [string, string, RegExp][] = [
    ['a map', 'message A { map<string, uint64> balances = 1; }', /map fields are not allowed/],
    ['proto3 optional', 'message A { optional uint64 nonce = 1; }', /proto3 `optional`/],
    ['mutual recursion', 'message A { B b = 1; } message B { A a = 1; }', /recursive.*A -> B -> A/],
    ['self recursion', 'message Node { repeated Node children = 1; }', /recursive/],
    ['a scalar oneof member', 'message A { oneof x { uint64 a = 1; } }', /must be messages/],
    ['int64', 'message A { int64 a = 1; }', /type int64 is not allowed/],
    ['double', 'message A { double a = 1; }', /type double is not allowed/],
    ['a camelCase field', 'message A { uint64 fooBar = 1; }', /snake_case/],
    ['an unprefixed enum value', 'enum Color { RED = 0; }', /must start with COLOR_/],
    ['an enum without 0', 'enum Color { COLOR_RED = 1; }', /needs a value 0/],
    ['a service', 'message A {} service S { rpc Get (A) returns (A); }', /no services/],
  ];
  for (const [name, body, problem] of violations) {
    it(`reject ${name}`, async () => {
      const problems = await rulesOf(`${HEADER}${body}\n`);
      assert.ok(
        problems.some((p) => problem.test(p)),
        `${problem} not in ${JSON.stringify(problems)}`,
      );
    });
  }

  it('reject proto2 and a foreign package', async () => {
    const problems = await rulesOf('syntax = "proto2";\npackage other;\nmessage A {}\n');
    assert.ok(problems.some((p) => /must be syntax = "proto3"/.test(p)));
    assert.ok(problems.some((p) => /must declare package fixture.v1/.test(p)));
  });
});

describe('generated code on a fixture schema', () => {
  type PackedProps = {
    weights?: number[];
    amounts?: unknown[];
    flags?: boolean[];
    colors?: number[];
    names?: string[];
    inner?: { key?: Uint8Array };
  };
  let Packed: MessageClass<PackedProps, PackedProps>;
  let codec: ReturnType<typeof createCanonicalCodec>;
  const outDir = () => path.join(dir, 'out');

  before(async () => {
    const protoDir = path.join(dir, 'proto');
    await mkdir(protoDir);
    await writeFile(path.join(protoDir, 'fixture.proto'), FIXTURE);
    const result = await buildProto({
      protoDir,
      outDir: outDir(),
      packageName: 'fixture.v1',
      baseName: 'fixture',
      rootName: 'pvchain-test-fixture',
      dependency: import.meta.resolve('protobufjs/minimal.js'),
    });
    assert.equal(result.messageCount, 2);
    assert.equal(result.enumCount, 1);
    const generated = await import(pathToFileURL(path.join(outDir(), 'fixture.js')).href);
    const schemaUrl = pathToFileURL(path.join(outDir(), 'schema.js')).href;
    const schemas: Record<string, MessageSchema> = (await import(schemaUrl)).messageSchemas;
    codec = createCanonicalCodec({ generated, schemas, maxBytesOf: () => 1024 });
    Packed = generated.fixture.v1.Packed;
  });

  it('writes the module and the schema tables', async () => {
    assert.deepEqual((await readdir(outDir())).sort(), ['fixture.js', 'schema.d.ts', 'schema.js']);
  });

  it('round-trips repeated scalars, zeros and extremes included', () => {
    const value: PackedProps = {
      weights: [0, 1, 0xffff_ffff],
      amounts: [bigintToLong(0n), bigintToLong(U64_MAX)],
      flags: [false, true, false],
      colors: [0, 1, -1],
      names: ['', '電'],
    };
    const bytes = codec.encodeCanonical(Packed, value);
    const decoded = codec.decodeCanonical(Packed, bytes);
    assert.deepEqual(decoded.weights, [0, 1, 0xffff_ffff]);
    assert.deepEqual(decoded.amounts?.map(String), ['0', '18446744073709551615']);
    assert.deepEqual(decoded.flags, [false, true, false]);
    assert.deepEqual(decoded.colors, [0, 1, -1]);
    assert.deepEqual(decoded.names, ['', '電']);
    // weights are packed: one field 1, length 7, then minimal varints (2^32 - 1 takes 5)
    const weights = [0x0a, 0x07, 0x00, 0x01, 0xff, 0xff, 0xff, 0xff, 0x0f];
    assert.deepEqual([...bytes.subarray(0, 9)], weights);
  });

  it('rejects unpacked repeated scalars', () => {
    const unpacked = concat(tag(1, WireType.VARINT), [1], tag(1, WireType.VARINT), [2]);
    assert.deepEqual(codec.decodeCanonical(Packed, concat(len(1, [1, 2]))).weights, [1, 2]);
    assert.throws(() => codec.decodeCanonical(Packed, unpacked), { code: 'PROTO_NON_CANONICAL' });
    const split = concat(len(1, [1]), len(1, [2])); // two packed runs
    assert.throws(() => codec.decodeCanonical(Packed, split), { code: 'PROTO_NON_CANONICAL' });
    const mixed = concat(len(1, [1]), tag(1, WireType.VARINT), [2]);
    assert.throws(() => codec.decodeCanonical(Packed, mixed), { code: 'PROTO_NON_CANONICAL' });
    const empty = concat(len(1, [])); // an empty packed run
    assert.throws(() => codec.decodeCanonical(Packed, empty), { code: 'PROTO_NON_CANONICAL' });
    const bool2 = concat(len(3, [2])); // a bool other than 0/1 inside a packed run
    assert.throws(() => codec.decodeCanonical(Packed, bool2), { code: 'PROTO_NON_CANONICAL' });
    const wide = concat(len(2, [...varint(1), 0x80, 0x00])); // non-minimal packed varint
    assert.throws(() => codec.decodeCanonical(Packed, wide), ProtoError);
  });

  it('validates every element of a repeated scalar', () => {
    assert.throws(() => codec.encodeCanonical(Packed, { weights: [1, 2 ** 32] }), RangeError);
    assert.throws(() => codec.encodeCanonical(Packed, { flags: [1 as never] }), TypeError);
  });

  it('stays apart from pvchain generated code (its own protobuf root)', () => {
    const tx = encodeCanonical(pvchain.v1.Transaction, { chainId: 'pv' });
    assert.equal(decodeCanonical(pvchain.v1.Transaction, tx).chainId, 'pv');
    assert.throws(() => encodeCanonical(Packed as never, {}), TypeError);
  });

  it('keeps the previous output when a build fails', async () => {
    const badDir = path.join(dir, 'bad');
    await mkdir(badDir);
    await writeFile(
      path.join(badDir, 'bad.proto'),
      `${HEADER}message A { map<string, bool> m = 1; }`,
    );
    const opts = { protoDir: badDir, outDir: outDir(), packageName: 'fixture.v1' };
    await assert.rejects(buildProto({ ...opts, baseName: 'x', rootName: 'x' }), SchemaRuleError);
    assert.deepEqual((await readdir(outDir())).sort(), ['fixture.js', 'schema.d.ts', 'schema.js']);
  });
});
