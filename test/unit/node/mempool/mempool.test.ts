// The pool's two stages, one test per rule, with real Ed25519 signatures (@noble/ed25519 signs
// and verifies here; the node wires the Wasm batch verifier in).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { decodeSignedTransaction } from '../../../../light-client/transactions/index.ts';
import { createAccountRecord } from '../../../../node/ledger/account-record.ts';
import { createWorldState } from '../../../../node/ledger/world-state.ts';
import { createMempool, type MempoolOptions } from '../../../../node/mempool/mempool.ts';
import {
  bigintToLong,
  encodeCanonical,
  encodeSigningPayload,
  pvchain,
} from '../../../../proto/index.ts';
import {
  addressOf,
  CHAIN_ID,
  payment,
} from '../../light-client/transactions/sample-transactions.ts';

ed.hashes.sha512 = sha512;
const v1 = pvchain.v1;

const secret = (n: number) => new Uint8Array(32).fill(n);
const publicKey = (n: number) => ed.getPublicKey(secret(n));
const address = (n: number) => addressOf(publicKey(n));

/** A payment of `source` with `nonce`, signed by the keys `signers`. */
function tx(
  source: number,
  nonce: bigint,
  options: { signers?: number[]; expiry?: bigint; chainId?: string; amount?: bigint } = {},
): Uint8Array {
  const transaction = encodeCanonical(v1.Transaction, {
    chainId: options.chainId ?? CHAIN_ID,
    source: address(source),
    nonce: bigintToLong(nonce),
    operations: [payment(options.amount ?? 5n)],
    ...(options.expiry ? { expiryHeight: bigintToLong(options.expiry) } : {}),
  });
  const payload = encodeSigningPayload(
    v1.SigningDomain.SIGNING_DOMAIN_TRANSACTION,
    CHAIN_ID,
    transaction,
  );
  const signatures = (options.signers ?? [source])
    .map((n) => ({ publicKey: publicKey(n), signature: ed.sign(payload, secret(n)) }))
    .sort((a, b) => Buffer.compare(a.publicKey, b.publicKey));
  return encodeCanonical(v1.SignedTransaction, { transaction, signatures });
}

const options: MempoolOptions = {
  chainId: CHAIN_ID,
  hash: 'sha256',
  maxTransactions: 8,
  maxPerAccount: 4,
  maxNonceGap: 8,
  maxAgeMs: 60_000,
};

function setup(overrides: Partial<MempoolOptions> = {}, verifyCalls: number[] = []) {
  const state = createWorldState({
    accounts: [1, 2, 3].map((n) =>
      createAccountRecord({ address: address(n), role: v1.AccountRole.ACCOUNT_ROLE_HOUSEHOLD }),
    ),
  });
  let now = 1_000;
  const pool = createMempool(
    { ...options, ...overrides },
    {
      accounts: state,
      verifyBatch: (items) => {
        verifyCalls.push(items.length);
        return items.map((i) => ed.verify(i.signature, i.message, i.publicKey));
      },
      addressOf,
      nowMs: () => now,
    },
  );
  return { state, pool, advance: (ms: number) => (now += ms) };
}

const codes = (answers: { ok: boolean; code?: string }[]) =>
  answers.map((a) => (a.ok ? 'ok' : a.code));
const heightOne = { height: 1n, maxCount: 100, maxBytes: 1 << 20 };
const nonces = (txs: { decoded: { nonce: bigint } }[]) => txs.map((t) => t.decoded.nonce);

describe('mempool stage one: admission', () => {
  it('admits a well-signed transaction and answers with its hash', async () => {
    const { pool } = setup();
    const bytes = tx(1, 1n);
    const [answer] = await pool.admit([bytes]);
    assert.deepEqual(answer, { ok: true, hash: decodeSignedTransaction(bytes, options).hash });
    assert.equal(pool.size(), 1);
  });

  it('refuses a bad signature, naming it', async () => {
    const { pool } = setup();
    const bytes = tx(1, 1n);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
    assert.deepEqual(codes(await pool.admit([bytes])), ['TX_BAD_SIGNATURE']);
  });

  it('passes the stateless refusals through with their codes', async () => {
    const { pool } = setup();
    assert.deepEqual(
      codes(await pool.admit([tx(1, 1n, { chainId: 'other' }), new Uint8Array([1, 2, 3])])),
      ['TX_WRONG_CHAIN', 'TX_MALFORMED'],
    );
  });

  it('refuses an unknown source, a signer without weight, a used nonce, a nonce too far ahead', async () => {
    const { pool, state } = setup();
    (state.modify(address(1)) as { nonce: bigint }).nonce = 3n;
    const answers = await pool.admit([
      tx(9, 1n),
      tx(1, 4n, { signers: [2] }),
      tx(1, 3n),
      tx(1, 12n),
    ]);
    assert.deepEqual(codes(answers), [
      'TX_SOURCE_NOT_FOUND',
      'TX_INSUFFICIENT_WEIGHT',
      'TX_NONCE_TOO_SMALL',
      'TX_NONCE_TOO_LARGE',
    ]);
  });

  it('refuses the same transaction twice, and a second one with the same nonce', async () => {
    const { pool } = setup();
    const answers = await pool.admit([tx(1, 1n), tx(1, 1n), tx(1, 1n, { amount: 6n })]);
    assert.deepEqual(codes(answers), ['ok', 'TX_DUPLICATE', 'TX_DUPLICATE']);
  });

  it('verifies what is admitted together in one batch, and a pooled transaction never again', async () => {
    const calls: number[] = [];
    const { pool } = setup({}, calls);
    const first = tx(1, 1n);
    assert.deepEqual(codes(await pool.admit([first, tx(2, 1n, { signers: [2, 3] })])), [
      'ok',
      'ok',
    ]);
    assert.deepEqual(calls, [3]);
    assert.deepEqual(codes(await pool.admit([first, tx(3, 1n)])), ['TX_DUPLICATE', 'ok']);
    assert.deepEqual(calls, [3, 1]);
    assert.deepEqual(codes(await pool.admit([first])), ['TX_DUPLICATE']);
    assert.deepEqual(calls, [3, 1], 'nothing left to verify: no call');
  });

  it('looks a pooled transaction up by hash, decoded and with its signers', async () => {
    const { pool } = setup();
    const bytes = tx(1, 1n);
    const { hash } = decodeSignedTransaction(bytes, options);
    assert.equal(pool.lookup(hash), undefined);
    await pool.admit([bytes]);
    const pooled = pool.lookup(hash);
    assert.deepEqual(pooled?.bytes, bytes);
    assert.deepEqual(pooled?.signerAddresses, [address(1)]);
    pool.removeHashes([hash]);
    assert.equal(pool.lookup(hash), undefined);
  });

  it('bounds each account and the whole pool', async () => {
    const { pool } = setup();
    const first = await pool.admit([1n, 2n, 3n, 4n, 5n].map((n) => tx(1, n)));
    assert.deepEqual(codes(first), ['ok', 'ok', 'ok', 'ok', 'TX_ACCOUNT_POOL_FULL']);
    const second = await pool.admit([1n, 2n, 3n, 4n].map((n) => tx(2, n)));
    assert.deepEqual(codes(second), ['ok', 'ok', 'ok', 'ok']);
    assert.deepEqual(codes(await pool.admit([tx(3, 1n)])), ['TX_POOL_FULL']);
    assert.equal(pool.size(), 8);
  });
});

describe('mempool stage two: proposal', () => {
  it('holds back a nonce gap until it closes', async () => {
    const { pool } = setup();
    await pool.admit([tx(1, 1n), tx(1, 3n)]);
    assert.deepEqual(nonces(pool.propose(heightOne)), [1n]);
    await pool.admit([tx(1, 2n)]);
    assert.deepEqual(nonces(pool.propose(heightOne)), [1n, 2n, 3n]);
  });

  it('drops nonces the account has passed', async () => {
    const { pool, state } = setup();
    await pool.admit([tx(1, 1n), tx(1, 2n)]);
    (state.modify(address(1)) as { nonce: bigint }).nonce = 1n;
    assert.deepEqual(nonces(pool.propose(heightOne)), [2n]);
    assert.equal(pool.size(), 1);
  });

  it('drops expired transactions', async () => {
    const { pool } = setup();
    await pool.admit([tx(1, 1n, { expiry: 5n }), tx(2, 1n)]);
    assert.equal(pool.propose({ ...heightOne, height: 6n }).length, 1);
    assert.equal(pool.size(), 1);
  });

  it('keeps arrival order across accounts and nonce order within one, within count and bytes', async () => {
    const { pool, advance } = setup();
    await pool.admit([tx(2, 1n)]);
    advance(10);
    await pool.admit([tx(1, 2n), tx(1, 1n)]);
    advance(10);
    await pool.admit([tx(3, 1n)]);
    const order = pool.propose(heightOne).map((t) => `${t.sourceHex.slice(-2)}:${t.decoded.nonce}`);
    const hex = (n: number) => Buffer.from(address(n)).toString('hex').slice(-2);
    assert.deepEqual(order, [`${hex(2)}:1`, `${hex(1)}:1`, `${hex(1)}:2`, `${hex(3)}:1`]);
    assert.equal(pool.propose({ ...heightOne, maxCount: 2 }).length, 2);
    const one = pool.propose(heightOne)[0]?.bytes.length as number;
    assert.equal(pool.propose({ ...heightOne, maxBytes: one }).length, 1);
  });

  it('forgets what a block carried, and what waited too long', async () => {
    const { pool, advance } = setup();
    await pool.admit([tx(1, 1n), tx(2, 1n)]);
    pool.removeHashes([decodeSignedTransaction(tx(1, 1n), options).hash]);
    assert.equal(pool.size(), 1);
    advance(60_001);
    assert.equal(pool.expire(), 1);
    assert.equal(pool.size(), 0);
  });
});
