// A received block's transactions: those this node already admitted (same hash, same signatures)
// are taken as admitted and not verified again; the others are decoded and batch-verified, and a
// known transaction carried with other signatures is verified like an unknown one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addressBytesFromPublicKey,
  type SignedMessage,
  sign,
  verifyBatch,
} from '../../../../assembly/bindings/crypto.ts';
import { decodeSignedTransaction } from '../../../../light-client/transactions/index.ts';
import { ChainError } from '../../../../node/chain/chain-error.ts';
import { receiveBlock } from '../../../../node/chain/received-block.ts';
import type { AdmittedTransaction } from '../../../../node/ledger/execute-transaction.ts';
import {
  decodeCanonical,
  encodeCanonical,
  encodeSigningPayload,
  pvchain,
} from '../../../../proto/index.ts';
import {
  address,
  CHAIN_ID,
  GRID,
  household,
  op,
  publicKey,
  secretKey,
  signedTransaction,
} from '../../../support/community.ts';

const v1 = pvchain.v1;
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const pay = (from: number, nonce: bigint) =>
  signedTransaction(household(from), nonce, [op.pay(GRID, 'kWh', 1n)]);

/** The same transaction as `envelope`, signed by its source and `cosigner` too. */
function cosigned(envelope: Uint8Array, source: number, cosigner: number): Uint8Array {
  const { transaction } = decodeCanonical(v1.SignedTransaction, envelope);
  const payload = encodeSigningPayload(
    v1.SigningDomain.SIGNING_DOMAIN_TRANSACTION,
    CHAIN_ID,
    transaction,
  );
  const signatures = [source, cosigner]
    .map((n) => ({ publicKey: publicKey(n), signature: sign(payload, secretKey(n)) }))
    .sort((a, b) => Buffer.compare(a.publicKey, b.publicKey));
  return encodeCanonical(v1.SignedTransaction, { transaction, signatures });
}

function blockOf(envelopes: Uint8Array[]): Uint8Array {
  return encodeCanonical(v1.Block, {
    header: { version: 1, chainId: CHAIN_ID },
    transactions: envelopes.map((e) => decodeCanonical(v1.SignedTransaction, e)),
  });
}

function options(pool: Uint8Array[]) {
  const known = new Map<string, AdmittedTransaction>();
  for (const envelope of pool) {
    const decoded = decodeSignedTransaction(envelope, { chainId: CHAIN_ID, hash: 'sha256' });
    known.set(hex(decoded.hash), {
      decoded,
      signerAddresses: decoded.signatures.map((s) => addressBytesFromPublicKey(s.publicKey)),
    });
  }
  const verified: number[] = [];
  return {
    verified,
    receive: {
      chainId: CHAIN_ID,
      hash: 'sha256' as const,
      maxBlockBytes: 1 << 20,
      addressOf: addressBytesFromPublicKey,
      verifyBatch: (items: SignedMessage[]) => {
        verified.push(items.length);
        return verifyBatch(items);
      },
      known: (hash: Uint8Array) => known.get(hex(hash)),
    },
  };
}

describe('received blocks and the pool', () => {
  it('verifies only the transactions the pool does not hold', async () => {
    const pooled = [pay(1, 1n), pay(2, 1n)];
    const fresh = pay(3, 1n);
    const { receive, verified } = options(pooled);
    const block = await receiveBlock(
      blockOf([pooled[0], fresh, pooled[1]] as Uint8Array[]),
      receive,
    );
    assert.deepEqual(verified, [1]);
    assert.deepEqual(
      block.transactions.map((t) => hex(t.decoded.transaction.source)),
      [household(1), household(3), household(2)].map((n) => hex(address(n))),
    );
    assert.deepEqual(block.transactions[1]?.signerAddresses, [address(household(3))]);
  });

  it('verifies nothing when the pool holds everything', async () => {
    const pooled = [pay(1, 1n), pay(2, 1n)];
    const { receive, verified } = options(pooled);
    const block = await receiveBlock(blockOf(pooled), receive);
    assert.equal(block.transactions.length, 2);
    assert.deepEqual(verified, []);
  });

  it('verifies a pooled transaction carried with other signatures, and refuses a forgery', async () => {
    const pooled = pay(1, 1n);
    const { receive, verified } = options([pooled]);
    await receiveBlock(blockOf([cosigned(pooled, household(1), household(2))]), receive);
    assert.deepEqual(verified, [2], 'both signatures of the other envelope are checked');
    const signed = decodeCanonical(v1.SignedTransaction, pooled);
    const forged = encodeCanonical(v1.SignedTransaction, {
      transaction: signed.transaction,
      signatures: [{ publicKey: signed.signatures[0]?.publicKey, signature: new Uint8Array(64) }],
    });
    await assert.rejects(
      receiveBlock(blockOf([forged]), receive),
      (error: unknown) => error instanceof ChainError && error.code === 'CHAIN_INVALID_BLOCK',
    );
  });
});
