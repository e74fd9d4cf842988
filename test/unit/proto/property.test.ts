import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  bigintToLong,
  decodeCanonical,
  encodeCanonical,
  type MessageClass,
  ProtoError,
  pvchain,
  U64_MAX,
} from '../../../proto/index.ts';
import { view } from './view.ts';

const v1 = pvchain.v1;
const TX = 'pvchain.v1.Transaction';
const optional = { requiredKeys: [] as [] };

const u64 = fc.bigInt({ min: 0n, max: U64_MAX }).map(bigintToLong);
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const enumValue = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }); // proto3 enums are open
const address = fc.uint8Array({ minLength: 23, maxLength: 23 });
const data = fc.uint8Array({ maxLength: 40 });
const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const asset = fc.record({ issuer: address, code: text }, optional);
const assetAmount = fc.record({ asset, amount: u64 }, optional);
const signer = fc.record({ address, weight: u32 }, optional);
const typeThreshold = fc.record({ type: enumValue, threshold: u64 }, optional);
const permissions = fc.record(
  {
    masterWeight: u32,
    signers: fc.array(signer, { maxLength: 3 }),
    txThreshold: u64,
    typeThresholds: fc.array(typeThreshold, { maxLength: 3 }),
  },
  optional,
);
const reading = fc.record(
  { meterId: text, sequence: u64, timeMs: u64, exportedWh: u64, importedWh: u64 },
  optional,
);

const body = <K extends string, V>(type: number, key: K, value: fc.Arbitrary<V>) =>
  fc.record({ type: fc.constant(type), [key]: value } as { type: fc.Arbitrary<number> } & {
    [k in K]: fc.Arbitrary<V>;
  });

const Op = v1.OperationType;
const operation = fc.oneof(
  fc.record({ type: enumValue }, optional), // no body: validation's business, not the codec's
  body(
    Op.OPERATION_TYPE_CREATE_ACCOUNT,
    'createAccount',
    fc.record({ publicKey: data, role: enumValue, permissions, realName: text }, optional),
  ),
  body(
    Op.OPERATION_TYPE_ISSUE_ASSET,
    'issueAsset',
    fc.record({ code: text, amount: u64 }, optional),
  ),
  body(
    Op.OPERATION_TYPE_PAYMENT,
    'payment',
    fc.record({ destination: address, asset, amount: u64 }, optional),
  ),
  body(
    Op.OPERATION_TYPE_SET_METADATA,
    'setMetadata',
    fc.record({ key: text, value: data, expectedVersion: u64, remove: fc.boolean() }, optional),
  ),
  body(
    Op.OPERATION_TYPE_SET_SIGNER_WEIGHT,
    'setSignerWeight',
    fc.record(
      {
        masterWeight: fc.record({ value: u32 }, optional),
        signers: fc.array(signer, { maxLength: 3 }),
      },
      optional,
    ),
  ),
  body(
    Op.OPERATION_TYPE_CALL_CONTRACT,
    'callContract',
    fc.record(
      { contract: address, method: text, input: data, allowances: fc.array(assetAmount) },
      optional,
    ),
  ),
  body(
    Op.OPERATION_TYPE_METER_READING,
    'meterReading',
    fc.record(
      {
        readings: fc.array(fc.record({ reading, signature: data }, optional), { maxLength: 3 }),
      },
      optional,
    ),
  ),
);

const transaction: fc.Arbitrary<pvchain.v1.Transaction.$Properties> = fc.record(
  {
    chainId: text,
    source: address,
    nonce: u64,
    operations: fc.array(operation, { maxLength: 4 }),
    metadata: data,
    gasLimit: u64,
    expiryHeight: u64,
  },
  optional,
);

type Mutation =
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'append'; bytes: Uint8Array };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.nat(255) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: data }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    count: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('append' as const),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
);

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const out = [...bytes];
  const at = m.kind === 'append' ? out.length : m.at % (out.length + 1);
  if (m.kind === 'set' && at < out.length) out[at] = m.value;
  if (m.kind === 'insert') out.splice(at, 0, ...m.bytes);
  if (m.kind === 'delete') out.splice(at, m.count);
  if (m.kind === 'truncate') out.length = at;
  if (m.kind === 'append') out.push(...m.bytes);
  return Uint8Array.from(out);
}

/** Decodes arbitrary bytes: either a ProtoError, or a message that re-encodes identically. */
function checkArbitraryInput<P, M>(type: MessageClass<P, M>, bytes: Uint8Array): 'ok' | 'rejected' {
  let decoded: M;
  try {
    decoded = decodeCanonical(type, bytes);
  } catch (error) {
    assert.ok(error instanceof ProtoError, `not a ProtoError: ${error}`);
    assert.ok(error.code === 'PROTO_MALFORMED' || error.code === 'PROTO_NON_CANONICAL');
    return 'rejected';
  }
  assert.deepEqual(encodeCanonical(type, decoded as unknown as P), bytes);
  return 'ok';
}

describe('canonical codec properties', () => {
  it('encode -> decode -> encode is the identity on random transactions', {
    timeout: 120_000,
  }, () => {
    fc.assert(
      fc.property(transaction, (tx) => {
        const bytes = encodeCanonical(v1.Transaction, tx);
        const decoded = decodeCanonical(v1.Transaction, bytes);
        assert.deepEqual(encodeCanonical(v1.Transaction, decoded), bytes);
        assert.deepEqual(view(TX, decoded), view(TX, tx));
      }),
      { numRuns: 1000 },
    );
  });

  it('mutated encodings decode canonically or throw ProtoError', { timeout: 120_000 }, (t) => {
    const outcomes = { ok: 0, rejected: 0 };
    fc.assert(
      fc.property(transaction, fc.array(mutation, { minLength: 1, maxLength: 3 }), (tx, ms) => {
        const mutated = ms.reduce(mutate, encodeCanonical(v1.Transaction, tx));
        outcomes[checkArbitraryInput(v1.Transaction, mutated)]++;
      }),
      { numRuns: 2000 },
    );
    t.diagnostic(`mutations: ${JSON.stringify(outcomes)}`);
    // Both paths were exercised: the property is not vacuous.
    assert.ok(outcomes.rejected > 100, JSON.stringify(outcomes));
    assert.ok(outcomes.ok > 10, JSON.stringify(outcomes));
  });

  it('random bytes never escape as anything but ProtoError', { timeout: 120_000 }, () => {
    const types = [v1.Block, v1.ConsensusMessage, v1.SyncResponse, v1.Account, v1.Operation];
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.uint8Array({ maxLength: 200 }), (type, bytes) => {
        checkArbitraryInput(type as MessageClass<unknown, unknown>, bytes);
      }),
      { numRuns: 3000 },
    );
  });
});
