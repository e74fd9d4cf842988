import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import {
  bigintToLong,
  decodeCanonical,
  encodeCanonical,
  MAX_TRANSACTION_BYTES,
  ProtoError,
  type ProtoErrorCode,
  pvchain,
} from '../../../proto/index.ts';
import { address, transaction } from './samples.ts';
import { concat, fromHex, hex, len, tag, varint, WireType } from './wire.ts';

const { Transaction, Operation, BlockHeader, ConsensusMessage } = pvchain.v1;

/** Asserts that decoding `bytes` as a Transaction fails with `code`; returns the error. */
function rejects(bytes: Uint8Array, code: ProtoErrorCode, type: object = Transaction): ProtoError {
  let caught: unknown;
  try {
    decodeCanonical(type as typeof Transaction, bytes);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ProtoError, `expected a ProtoError, got ${caught}`);
  assert.equal(caught.code, code, caught.message);
  assert.equal(caught.sizeBytes, bytes.length);
  return caught;
}

// chain_id "pv" (field 1), nonce 5 (field 3): the canonical encoding is 0a 02 70 76 18 05.
const CHAIN = [...len(1, [0x70, 0x76])];
const NONCE_5 = [...tag(3, WireType.VARINT), 5];
const canonical = concat(CHAIN, NONCE_5);

describe('canonical encoding', () => {
  it('is the minimal, ordered encoding', () => {
    const bytes = encodeCanonical(Transaction, { nonce: bigintToLong(5n), chainId: 'pv' });
    assert.equal(hex(bytes), '0a0270761805');
    assert.deepEqual(decodeCanonical(Transaction, canonical).chainId, 'pv');
  });

  it('never writes default values, whatever the caller passes', () => {
    const zero = bigintToLong(0n);
    const withDefaults = {
      chainId: '',
      source: new Uint8Array(0),
      nonce: zero,
      operations: [],
      metadata: new Uint8Array(0),
      gasLimit: zero,
      expiryHeight: zero,
    };
    assert.equal(encodeCanonical(Transaction, withDefaults).length, 0);
    const bare = { chainId: 'pv', nonce: bigintToLong(5n) };
    assert.deepEqual(encodeCanonical(Transaction, { ...withDefaults, ...bare }), canonical);
    assert.deepEqual(encodeCanonical(Transaction, { ...bare, gasLimit: null }), canonical);
    const header = { version: 0, height: bigintToLong(7n), proposer: new Uint8Array(0) };
    assert.equal(hex(encodeCanonical(BlockHeader, header)), '1807');
  });

  it('does not mutate the caller object', () => {
    const input = structuredClone({ ...transaction, gasLimit: bigintToLong(0n), chainId: '' });
    // structuredClone drops the Long prototype; rebuild the 64-bit fields.
    input.nonce = bigintToLong(1n);
    input.gasLimit = bigintToLong(0n);
    input.expiryHeight = bigintToLong(0n);
    input.operations = [
      { type: 3, payment: { amount: bigintToLong(0n), destination: address(3) } },
    ];
    const before = structuredClone(input);
    const frozen = deepFreeze(input);
    encodeCanonical(Transaction, frozen);
    assert.deepEqual(structuredClone(input), before);
    assert.ok(Object.hasOwn(input, 'gasLimit'));
  });

  it('refuses values the generated encoder would mangle into non-canonical bytes', () => {
    // The bare generated encoder writes uint32 2^32 as an explicit 0 ...
    const raw = BlockHeader.encode({ version: 2 ** 32 }).finish();
    assert.equal(hex(raw), '0800');
    rejects(raw, 'PROTO_NON_CANONICAL', BlockHeader);
    // ... which the canonical encoder refuses to produce.
    assert.throws(() => encodeCanonical(BlockHeader, { version: 2 ** 32 }), RangeError);
    assert.throws(() => encodeCanonical(BlockHeader, { version: -1 }), RangeError);
    assert.throws(() => encodeCanonical(BlockHeader, { version: Number.NaN }), RangeError);
    assert.throws(() => encodeCanonical(BlockHeader, { version: 1.5 }), RangeError);
    assert.throws(() => encodeCanonical(Transaction, { chainId: 'pv\uD800' }), RangeError);
    assert.throws(() => encodeCanonical(Transaction, { nonce: -1 as never }), RangeError);
    assert.throws(() => encodeCanonical(Transaction, { nonce: (2 ** 53) as never }), RangeError);
  });

  it('throws TypeError for values of the wrong shape', () => {
    const misuse: [string, () => unknown][] = [
      ['bigint', () => encodeCanonical(Transaction, { nonce: 5n as never })],
      ['string for bytes', () => encodeCanonical(Transaction, { source: 'a001' as never })],
      ['unknown property', () => encodeCanonical(Transaction, { nonse: 1 } as never)],
      ['not an array', () => encodeCanonical(Transaction, { operations: {} as never })],
      ['null element', () => encodeCanonical(Transaction, { operations: [null] as never })],
      ['not an object', () => encodeCanonical(Transaction, 'tx' as never)],
      ['not a pvchain class', () => encodeCanonical(Date as never, {})],
      ['two oneof members', () => encodeCanonical(Operation, { payment: {}, issueAsset: {} })],
      [
        'discriminator disagrees',
        () => encodeCanonical(Operation, { body: 'payment', issueAsset: {} }),
      ],
    ];
    for (const [name, run] of misuse) assert.throws(run, TypeError, name);
  });
});

describe('canonical decoding rejects', () => {
  it('a non-Uint8Array with TypeError', () => {
    for (const input of [
      '0a02',
      [10, 2],
      new ArrayBuffer(2),
      null,
      undefined,
      new DataView(new ArrayBuffer(1)),
    ]) {
      assert.throws(() => decodeCanonical(Transaction, input as never), TypeError);
    }
  });

  it('an explicit default value', () => {
    rejects(concat(CHAIN, NONCE_5, tag(6, WireType.VARINT), [0]), 'PROTO_NON_CANONICAL');
    rejects(concat(len(1, []), NONCE_5), 'PROTO_NON_CANONICAL'); // chain_id ""
    rejects(concat(CHAIN, NONCE_5, len(5, [])), 'PROTO_NON_CANONICAL'); // metadata b""
    const op = concat(tag(1, WireType.VARINT), [0], len(13, [])); // type 0 written
    rejects(op, 'PROTO_NON_CANONICAL', Operation);
    // ... also inside nested messages: payment.amount = 0
    rejects(concat(tag(1, 0), [3], len(13, [...tag(3, 0), 0])), 'PROTO_NON_CANONICAL', Operation);
  });

  it('an unknown field', () => {
    rejects(concat(CHAIN, NONCE_5, tag(99, WireType.VARINT), [1]), 'PROTO_NON_CANONICAL');
    rejects(concat(CHAIN, NONCE_5, len(8, [1, 2, 3])), 'PROTO_NON_CANONICAL');
  });

  it('a duplicated field', () => {
    rejects(concat(CHAIN, NONCE_5, NONCE_5), 'PROTO_NON_CANONICAL');
    rejects(concat(CHAIN, CHAIN, NONCE_5), 'PROTO_NON_CANONICAL');
    // two members of one oneof (the decoder keeps the last)
    const twoBodies = concat(tag(1, 0), [3], len(12, []), len(13, []));
    rejects(twoBodies, 'PROTO_NON_CANONICAL', Operation);
  });

  it('fields out of order', () => {
    rejects(concat(NONCE_5, CHAIN), 'PROTO_NON_CANONICAL');
  });

  it('a non-minimal varint (value, tag or length)', () => {
    rejects(concat(CHAIN, tag(3, WireType.VARINT), [0x85, 0x00]), 'PROTO_NON_CANONICAL');
    rejects(concat(CHAIN, [0x98, 0x00], [5]), 'PROTO_NON_CANONICAL');
    rejects(concat([0x0a, 0x82, 0x00, 0x70, 0x76], NONCE_5), 'PROTO_NON_CANONICAL');
    // a uint32 written with more than 32 bits of value
    rejects(concat(tag(1, 0), varint(2n ** 32n + 1n)), 'PROTO_NON_CANONICAL', BlockHeader);
  });

  it('a bool that is not 0 or 1', () => {
    const setMetadata = concat(tag(1, 0), [4], len(14, [...tag(4, 0), 2]));
    rejects(setMetadata, 'PROTO_NON_CANONICAL', Operation);
  });

  it('trailing bytes', () => {
    rejects(concat(canonical, [0x00]), 'PROTO_MALFORMED'); // field number 0
    rejects(concat(canonical, [0xff]), 'PROTO_MALFORMED'); // a cut-off varint
    rejects(concat(canonical, canonical), 'PROTO_NON_CANONICAL'); // a second message
  });

  it('truncated input', () => {
    const tx = encodeCanonical(Transaction, transaction);
    rejects(tx.subarray(0, 10), 'PROTO_MALFORMED'); // inside source's 23 bytes
    rejects(tx.subarray(0, tx.length - 1), 'PROTO_MALFORMED'); // inside the last varint
    rejects(canonical.subarray(0, 3), 'PROTO_MALFORMED'); // inside chain_id
  });

  it('a wrong wire type', () => {
    // Valid wire types on the wrong field are skipped as unknown fields: non-canonical.
    rejects(concat(CHAIN, tag(3, WireType.I64), new Uint8Array(8)), 'PROTO_NON_CANONICAL');
    rejects(concat(CHAIN, len(3, [5])), 'PROTO_NON_CANONICAL');
    rejects(concat(tag(1, WireType.VARINT), [5], NONCE_5), 'PROTO_NON_CANONICAL');
    rejects(concat(CHAIN, tag(3, WireType.I32), [5, 0, 0, 0]), 'PROTO_NON_CANONICAL');
    // Wire types that cannot occur there (end group, 6, 7) do not decode.
    rejects(concat(CHAIN, tag(3, WireType.EGROUP)), 'PROTO_MALFORMED');
    rejects(concat(CHAIN, tag(3, 6), [5]), 'PROTO_MALFORMED');
    rejects(concat(CHAIN, tag(3, 7), [5]), 'PROTO_MALFORMED');
  });

  it('invalid UTF-8 in a string', () => {
    rejects(concat(len(1, [0xc3, 0x28])), 'PROTO_MALFORMED');
    rejects(concat(len(1, [0xed, 0xa0, 0x80])), 'PROTO_MALFORMED'); // a UTF-16 surrogate
  });

  it('deeply nested groups without recursing forever', () => {
    rejects(concat(CHAIN, new Uint8Array(5000).fill(0x1b)), 'PROTO_MALFORMED');
  });
});

describe('size limits', () => {
  it('rejects an oversized input before parsing it', (t) => {
    const decode = t.mock.method(Transaction, 'decode');
    const huge = new Uint8Array(MAX_TRANSACTION_BYTES + 1).fill(0xff); // unparseable
    const error = rejects(huge, 'PROTO_TOO_LARGE');
    assert.equal(error.typeName, 'pvchain.v1.Transaction');
    assert.equal(error.sizeBytes, 65_537);
    assert.equal(error.maxBytes, 65_536);
    assert.equal(decode.mock.callCount(), 0);
    const block = new Uint8Array(100 * 1024 * 1024); // 100 MiB of zeros: field number 0
    const blockError = rejects(block, 'PROTO_TOO_LARGE', ConsensusMessage);
    assert.equal(blockError.maxBytes, 8 * 1024 * 1024);
    assert.deepEqual(blockError.toJSON(), {
      code: 'PROTO_TOO_LARGE',
      message: blockError.message,
      typeName: 'pvchain.v1.ConsensusMessage',
      sizeBytes: 100 * 1024 * 1024,
      maxBytes: 8 * 1024 * 1024,
    });
  });

  it('accepts exactly the limit; the limit can be overridden per call', () => {
    const tx = encodeCanonical(Transaction, transaction);
    assert.ok(decodeCanonical(Transaction, tx, { maxBytes: tx.length }));
    assert.throws(() => decodeCanonical(Transaction, tx, { maxBytes: tx.length - 1 }), {
      code: 'PROTO_TOO_LARGE',
      maxBytes: tx.length - 1,
    });
    assert.throws(() => decodeCanonical(Transaction, tx, { maxBytes: -1 }), RangeError);
    assert.throws(() => decodeCanonical(Transaction, tx, { maxBytes: '9' as never }), TypeError);
  });

  it('refuses to encode beyond the limit', () => {
    const metadata = new Uint8Array(MAX_TRANSACTION_BYTES);
    assert.throws(() => encodeCanonical(Transaction, { metadata }), {
      name: 'ProtoError',
      code: 'PROTO_TOO_LARGE',
      maxBytes: MAX_TRANSACTION_BYTES,
      sizeBytes: MAX_TRANSACTION_BYTES + 4,
    });
  });
});

describe('decoded messages', () => {
  it('never share memory with the input', () => {
    const input = Buffer.from(encodeCanonical(Transaction, transaction));
    const tx = decodeCanonical(Transaction, input);
    const source = hex(tx.source);
    input.fill(0);
    assert.equal(hex(tx.source), source);
    assert.notEqual(tx.source.buffer, input.buffer);
  });

  it('come from a private copy even when decode is spied on', () => {
    const spy = mock.method(Transaction, 'decode');
    const input = fromHex('0a0270761805');
    decodeCanonical(Transaction, input);
    assert.equal(spy.mock.callCount(), 1);
    assert.notEqual(spy.mock.calls[0]?.arguments[0], input);
    spy.mock.restore();
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
