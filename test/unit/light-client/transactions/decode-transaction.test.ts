import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sha256 } from '../../../../assembly/bindings/crypto.ts';
import {
  decodeSignedTransaction,
  type TransactionErrorCode,
} from '../../../../light-client/transactions/index.ts';
import { bigintToLong, decodeCanonical, pvchain } from '../../../../proto/index.ts';
import {
  ALICE,
  addressOf,
  BOB,
  CHAIN_ID,
  GRID,
  KWH,
  key,
  payment,
  signed,
  transaction,
} from './sample-transactions.ts';

const v1 = pvchain.v1;
const Op = v1.OperationType;
const options = { chainId: CHAIN_ID, hash: 'sha256' } as const;

function refusal(bytes: Uint8Array): {
  code: TransactionErrorCode;
  operation: number;
  field?: string;
} {
  try {
    decodeSignedTransaction(bytes, options);
  } catch (error) {
    const { code, operation, field } = error as {
      code: TransactionErrorCode;
      operation: number;
      field?: string;
    };
    assert.ok(code, `a coded error, got ${String(error)}`);
    return { code, operation, ...(field === undefined ? {} : { field }) };
  }
  assert.fail('the transaction was accepted');
}

/** The identity point (y = 1): of order 1, a valid encoding but no key. */
const SMALL_ORDER_KEY = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 1 : 0));
const sig = (n: number) => ({ publicKey: key(n), signature: new Uint8Array(64).fill(n) });
const operationRefusal = (operation: pvchain.v1.Operation.$Properties) =>
  refusal(signed(transaction({ operations: [payment(), operation] })));

describe('decodeSignedTransaction: what needs no state', () => {
  it('accepts a well-formed payment and gives its hash, nonce and signing payload', () => {
    const bytes = signed();
    const decoded = decodeSignedTransaction(bytes, options);
    assert.deepEqual(decoded.hash, sha256(decoded.transactionBytes));
    assert.equal(decoded.nonce, 1n);
    assert.equal(decoded.sizeBytes, bytes.length);
    assert.deepEqual(decoded.transaction.source, ALICE);
    const payload = decodeCanonical(v1.SigningPayload, decoded.signingPayload);
    assert.equal(payload.domain, v1.SigningDomain.SIGNING_DOMAIN_TRANSACTION);
    assert.equal(payload.chainId, CHAIN_ID);
    assert.deepEqual(payload.body, decoded.transactionBytes);
  });

  it('refuses an oversized envelope before decoding it', () => {
    assert.deepEqual(refusal(new Uint8Array(200_000)), { code: 'TX_TOO_LARGE', operation: 0 });
  });

  it('refuses bytes that are not a signed transaction, or not canonical', () => {
    assert.equal(refusal(new Uint8Array([0xff, 0xff, 0xff])).code, 'TX_MALFORMED');
    const explicitDefault = new Uint8Array([...signed(), 0x18, 0x00]);
    assert.equal(refusal(explicitDefault).code, 'TX_MALFORMED');
  });

  it('refuses a transaction of another chain', () => {
    assert.deepEqual(refusal(signed(transaction({ chainId: 'other-chain' }))), {
      code: 'TX_WRONG_CHAIN',
      operation: 0,
      field: 'chainId',
    });
  });

  it('refuses a source that is not an address, and nonce 0', () => {
    const badChecksum = ALICE.slice();
    badChecksum[22] = (badChecksum[22] as number) ^ 1;
    assert.equal(refusal(signed(transaction({ source: badChecksum }))).field, 'source');
    assert.equal(refusal(signed(transaction({ nonce: bigintToLong(0n) }))).field, 'nonce');
  });

  it('refuses no signature, too many, wrong sizes, and signers out of order or repeated', () => {
    assert.equal(refusal(signed(transaction(), [])).field, 'signatures');
    assert.equal(
      refusal(signed(transaction(), [1, 2, 3, 4, 5, 6, 7, 8, 9].map(sig))).field,
      'signatures',
    );
    assert.equal(
      refusal(
        signed(transaction(), [{ publicKey: key(1).subarray(1), signature: new Uint8Array(64) }]),
      ).field,
      'signatures[0].publicKey',
    );
    assert.equal(
      refusal(signed(transaction(), [{ publicKey: key(1), signature: new Uint8Array(63) }])).field,
      'signatures[0].signature',
    );
    const descending = [sig(1), sig(2)].sort((a, b) => Buffer.compare(b.publicKey, a.publicKey));
    assert.equal(refusal(signed(transaction(), descending)).code, 'TX_MALFORMED');
    assert.equal(refusal(signed(transaction(), [sig(2), sig(2)])).code, 'TX_MALFORMED');
  });

  it('refuses no operations and too many', () => {
    assert.equal(refusal(signed(transaction({ operations: [] }))).field, 'operations');
    assert.equal(
      refusal(signed(transaction({ operations: Array.from({ length: 65 }, () => payment()) })))
        .field,
      'operations',
    );
  });

  const invalidOperations: [string, pvchain.v1.Operation.$Properties, string][] = [
    [
      'a type without its body',
      { type: Op.OPERATION_TYPE_ISSUE_ASSET, payment: payment().payment },
      'issueAsset',
    ],
    [
      'an unknown type',
      { type: 99 as pvchain.v1.OperationType, payment: payment().payment },
      'type',
    ],
    [
      'a payment of 0',
      { type: Op.OPERATION_TYPE_PAYMENT, payment: { destination: BOB, asset: KWH } },
      'payment.amount',
    ],
    [
      'a payment to no address',
      {
        type: Op.OPERATION_TYPE_PAYMENT,
        payment: { destination: BOB.subarray(1), asset: KWH, amount: bigintToLong(1n) },
      },
      'payment.destination',
    ],
    [
      'a bad asset code',
      {
        type: Op.OPERATION_TYPE_PAYMENT,
        payment: {
          destination: BOB,
          asset: { issuer: GRID, code: 'k W h' },
          amount: bigintToLong(1n),
        },
      },
      'payment.asset.code',
    ],
    [
      'an issue of 0',
      { type: Op.OPERATION_TYPE_ISSUE_ASSET, issueAsset: { code: 'kWh' } },
      'issueAsset.amount',
    ],
    [
      'a household without a real name',
      {
        type: Op.OPERATION_TYPE_CREATE_ACCOUNT,
        createAccount: { publicKey: key(9), role: v1.AccountRole.ACCOUNT_ROLE_HOUSEHOLD },
      },
      'createAccount.realName',
    ],
    [
      'a small-order key for a new account',
      {
        type: Op.OPERATION_TYPE_CREATE_ACCOUNT,
        createAccount: { publicKey: SMALL_ORDER_KEY, role: v1.AccountRole.ACCOUNT_ROLE_GRID },
      },
      'createAccount.publicKey',
    ],
    [
      'a key that is no curve point',
      {
        type: Op.OPERATION_TYPE_CREATE_ACCOUNT,
        createAccount: {
          publicKey: new Uint8Array(32).fill(0xff),
          role: v1.AccountRole.ACCOUNT_ROLE_GRID,
        },
      },
      'createAccount.publicKey',
    ],
    [
      'a genesis account created by a transaction',
      {
        type: Op.OPERATION_TYPE_CREATE_ACCOUNT,
        createAccount: { publicKey: key(9), role: v1.AccountRole.ACCOUNT_ROLE_GENESIS },
      },
      'createAccount.role',
    ],
    [
      'a threshold of 0 in new permissions',
      {
        type: Op.OPERATION_TYPE_CREATE_ACCOUNT,
        createAccount: {
          publicKey: key(9),
          role: v1.AccountRole.ACCOUNT_ROLE_GRID,
          permissions: { masterWeight: 1 },
        },
      },
      'createAccount.permissions.txThreshold',
    ],
    [
      'metadata removed with a value',
      {
        type: Op.OPERATION_TYPE_SET_METADATA,
        setMetadata: { key: 'k', value: new Uint8Array([1]), remove: true },
      },
      'setMetadata.value',
    ],
    [
      'signer weights that change nothing',
      { type: Op.OPERATION_TYPE_SET_SIGNER_WEIGHT, setSignerWeight: {} },
      'setSignerWeight',
    ],
    [
      'signers out of order',
      {
        type: Op.OPERATION_TYPE_SET_SIGNER_WEIGHT,
        setSignerWeight: {
          signers: [
            { address: addressOf(key(5)), weight: 1 },
            { address: addressOf(key(5)), weight: 2 },
          ],
        },
      },
      'setSignerWeight.signers',
    ],
    [
      'thresholds that change nothing',
      { type: Op.OPERATION_TYPE_SET_THRESHOLD, setThreshold: {} },
      'setThreshold',
    ],
    [
      'a contract method that is no identifier',
      {
        type: Op.OPERATION_TYPE_CALL_CONTRACT,
        callContract: { contract: GRID, method: 'sell offer' },
      },
      'callContract.method',
    ],
    [
      'an empty contract',
      { type: Op.OPERATION_TYPE_DEPLOY_CONTRACT, deployContract: {} },
      'deployContract.code',
    ],
    [
      'a meter key of 31 bytes',
      {
        type: Op.OPERATION_TYPE_REGISTER_METER,
        registerMeter: { meterId: 'M-1', publicKey: key(4).subarray(1), household: ALICE },
      },
      'registerMeter.publicKey',
    ],
    [
      'a meter id of 42 characters but 126 bytes of UTF-8',
      {
        type: Op.OPERATION_TYPE_REGISTER_METER,
        registerMeter: { meterId: '电'.repeat(42), publicKey: key(4), household: ALICE },
      },
      'registerMeter.meterId',
    ],
    [
      'no meter readings',
      { type: Op.OPERATION_TYPE_METER_READING, meterReading: {} },
      'meterReading.readings',
    ],
    [
      'three validators',
      {
        type: Op.OPERATION_TYPE_SET_VALIDATORS,
        setValidators: {
          validatorSet: {
            validators: [1, 2, 3].map((n) => ({
              address: addressOf(key(n)),
              publicKey: key(n),
              votingPower: bigintToLong(1n),
            })),
          },
          effectiveHeight: bigintToLong(10n),
        },
      },
      'setValidators.validatorSet.validators',
    ],
    [
      'an empty real name',
      { type: Op.OPERATION_TYPE_SET_REAL_NAME, setRealName: {} },
      'setRealName.realName',
    ],
    [
      'a control character in a name',
      { type: Op.OPERATION_TYPE_SET_REAL_NAME, setRealName: { realName: 'Li\u0000Wei' } },
      'setRealName.realName',
    ],
  ];
  for (const [what, operation, field] of invalidOperations) {
    it(`refuses ${what}, naming operation 2 and ${field}`, () => {
      assert.deepEqual(operationRefusal(operation), {
        code: 'TX_INVALID_OPERATION',
        operation: 2,
        field,
      });
    });
  }

  it('is a TypeError to pass something other than bytes', () => {
    assert.throws(() => decodeSignedTransaction('tx' as unknown as Uint8Array, options), TypeError);
  });
});
