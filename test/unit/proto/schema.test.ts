import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_MAX_BYTES,
  MAX_BLOCK_BYTES,
  MAX_BYTES_BY_TYPE,
  maxBytesOf,
  messageSchemas,
  pvchain,
} from '../../../proto/index.ts';
import { schemaOf } from './view.ts';

describe('schema invariants', () => {
  it('numbers Operation body members 10 + OperationType, one per type', () => {
    const fields = schemaOf('pvchain.v1.Operation').fields;
    const bodyIds = fields.filter((f) => f.oneof === 'body').map((f) => f.id);
    const types = Object.values(pvchain.v1.OperationType).filter(
      (t): t is number => typeof t === 'number' && t !== 0,
    );
    assert.deepEqual(bodyIds.sort(), types.map((t) => t + 10).sort());
    // BubiChain V3's numbers
    assert.equal(pvchain.v1.OperationType.OPERATION_TYPE_CREATE_ACCOUNT, 1);
    assert.equal(pvchain.v1.OperationType.OPERATION_TYPE_SET_THRESHOLD, 6);
    assert.equal(pvchain.v1.OperationType.OPERATION_TYPE_SET_VALIDATORS, 14);
  });

  it('has only message-typed oneof members and bounded nesting', () => {
    const depth = (name: string): number => {
      const nested = schemaOf(name).fields.filter((f) => f.kind === 'message');
      return 1 + Math.max(0, ...nested.map((f) => depth(f.type)));
    };
    for (const [name, schema] of Object.entries(messageSchemas)) {
      for (const field of schema.fields) {
        if (field.oneof) assert.equal(field.kind, 'message', `${name}.${field.name}`);
      }
      assert.ok(depth(name) <= 10, name);
    }
  });

  it('commits headers to what the design requires', () => {
    const names = schemaOf('pvchain.v1.BlockHeader').fields.map((f) => f.name);
    assert.deepEqual(names, [
      'version',
      'chainId',
      'height',
      'timeMs',
      'previousHash',
      'transactionsRoot',
      'receiptsRoot',
      'stateRoot',
      'validatorsHash',
      'nextValidatorsHash',
      'proposer',
      'lastCommitHash',
    ]);
  });
});

describe('size limits table', () => {
  it('names only real message types', () => {
    for (const name of Object.keys(MAX_BYTES_BY_TYPE)) assert.ok(messageSchemas[name], name);
  });

  it('gives listed types their limit and others the default', () => {
    assert.equal(maxBytesOf('pvchain.v1.Transaction'), 64 * 1024);
    assert.equal(maxBytesOf('pvchain.v1.Block'), MAX_BLOCK_BYTES);
    assert.equal(maxBytesOf('pvchain.v1.Weight'), DEFAULT_MAX_BYTES);
  });

  it('lets every container hold what it contains', () => {
    const max = (name: string) => maxBytesOf(`pvchain.v1.${name}`);
    assert.ok(max('SignedTransaction') > max('Transaction'));
    assert.ok(max('CommittedBlock') > max('Block'));
    assert.ok(max('ConsensusMessage') > max('Block'));
    assert.ok(max('SyncRequest') > max('SignedTransaction'));
    assert.ok(max('TransactionBatch') > max('SignedTransaction'));
    assert.ok(max('SyncResponse') > max('CommittedBlock'));
    assert.ok(max('SigningPayload') > max('ConsensusMessage'));
  });
});
