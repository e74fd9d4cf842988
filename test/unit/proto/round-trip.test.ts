import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bigintToLong,
  decodeCanonical,
  encodeCanonical,
  longToBigint,
  messageSchemas,
  pvchain,
  U64_MAX,
} from '../../../proto/index.ts';
import { samples } from './sample-list.ts';
import { header, operations, transaction } from './samples.ts';
import { view } from './view.ts';

const v1 = pvchain.v1;

describe('canonical round trip', () => {
  for (const sample of samples) {
    it(`${sample.name} (${sample.typeName})`, () => {
      const bytes = sample.encode();
      assert.equal(bytes.constructor, Uint8Array);
      assert.ok(bytes.length > 0);
      const decoded = sample.decode(bytes);
      // What came out is what went in, field by field ...
      assert.deepEqual(view(sample.typeName, decoded), view(sample.typeName, sample.value));
      // ... and encodes to the very same bytes.
      assert.deepEqual(sample.encodeOther(decoded), bytes);
    });
  }

  it('covers every message type of the schema', () => {
    const seen = new Set<string>();
    for (const sample of samples) view(sample.typeName, sample.value, seen);
    const missing = Object.keys(messageSchemas).filter((name) => !seen.has(name));
    assert.deepEqual(missing, []);
  });

  it('covers every operation type', () => {
    const types = new Set(operations.map((op) => op.type));
    const all = Object.values(v1.OperationType).filter((t) => t !== 0);
    assert.deepEqual([...types].sort(), all.sort());
  });

  it('keeps uint64 values above 2^53 exact', () => {
    const tx = decodeCanonical(v1.Transaction, encodeCanonical(v1.Transaction, transaction));
    assert.equal(longToBigint(tx.nonce), U64_MAX);
    assert.equal(tx.nonce.toString(), '18446744073709551615');
    assert.equal(longToBigint(tx.expiryHeight), 2n ** 53n + 1n);
    const h = decodeCanonical(v1.BlockHeader, encodeCanonical(v1.BlockHeader, header));
    assert.equal(longToBigint(h.height), 9007199254740993n);
    assert.equal(longToBigint(h.timeMs), 1_732_400_000_000n);
  });

  it('decodes absent fields to their defaults', () => {
    const tx = decodeCanonical(v1.Transaction, encodeCanonical(v1.Transaction, { chainId: 'x' }));
    assert.equal(tx.chainId, 'x');
    assert.equal(longToBigint(tx.nonce), 0n);
    assert.equal(tx.source.length, 0);
    assert.deepEqual(tx.operations, []);
    assert.equal(v1.Transaction.decode(new Uint8Array(0)).gasLimit.toString(), '0');
  });

  it('keeps message-typed fields that are present but empty', () => {
    const op = { type: v1.OperationType.OPERATION_TYPE_PAYMENT, payment: {} };
    const bytes = encodeCanonical(v1.Operation, op);
    // type = 3 (field 1, varint), payment (field 13, length 0)
    assert.deepEqual([...bytes], [0x08, 0x03, 0x6a, 0x00]);
    const decoded = decodeCanonical(v1.Operation, bytes);
    assert.equal(decoded.body, 'payment');
    assert.deepEqual(view('pvchain.v1.Payment', decoded.payment), {});
  });

  it('keeps empty elements of repeated bytes', () => {
    const response = { height: bigintToLong(1n), proof: [new Uint8Array(0), Uint8Array.of(7)] };
    const type = v1.AccountProofResponse;
    const decoded = decodeCanonical(type, encodeCanonical(type, response));
    assert.deepEqual(
      decoded.proof.map((p) => [...p]),
      [[], [7]],
    );
  });
});
