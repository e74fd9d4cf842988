// The light client's protocols on the four-validator network, asked over libp2p by a peer that is
// not a validator, and every answer checked as a light client would: signed headers verified as a
// chain from the genesis hash and set, the validator set found by the hash its header names, an
// account's proof (and another's absence) against a verified header's state root, a submitted
// transaction committed, and bad requests answered with their codes.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { hash } from '../../assembly/bindings/crypto.ts';
import { verifyProof } from '../../assembly/bindings/trie/index.ts';
import {
  assertValidHeaderChain,
  createValidatorSet,
  trustBlock,
  validatorSetFromMessage,
} from '../../light-client/verify/index.ts';
import { decodeAccount } from '../../node/ledger/account-record.ts';
import { peerIdFromValidatorKey } from '../../node/p2p/index.ts';
import { decodeSyncResponse } from '../../node/sync/sync-wire.ts';
import { bigintToLong, encodeCanonical, longToBigint, pvchain } from '../../proto/index.ts';
import {
  address,
  CHAIN_ID,
  GRID,
  household,
  op,
  publicKey,
  signedTransaction,
} from '../support/community.ts';
import { createTestNetwork, networkValidatorKey, type TestNetwork } from '../support/network.ts';

const v1 = pvchain.v1;
const { SyncErrorCode } = v1;
let n: TestNetwork;
let ask: (
  name: string,
  request: pvchain.v1.SyncRequest.$Properties | Uint8Array,
) => Promise<pvchain.v1.SyncResponse>;

before(async () => {
  n = await createTestNetwork();
  for (let i = 0; i < 4; i++) n.start(i);
  await n.waitFor(
    'height 3 on all four',
    () => [0, 1, 2, 3].every((i) => n.height(i) >= 3),
    60_000,
  );
  const client = await n.createClient(97, [0]);
  const validator = peerIdFromValidatorKey(publicKey(networkValidatorKey(0)));
  await n.waitFor('the client is connected', () => client.peers().length >= 1, 30_000);
  ask = async (name, request) => {
    const bytes =
      request instanceof Uint8Array
        ? request
        : encodeCanonical(v1.SyncRequest, request, { maxBytes: 1 << 20 });
    return decodeSyncResponse(await client.request(validator, name, bytes));
  };
});
after(() => n?.close());

it('serves signed headers that verify as a chain from the genesis set', async () => {
  const status = await ask('status', { status: {} });
  const head = longToBigint(status.status?.height ?? 0);
  const genesisHash = status.status?.genesisHash as Uint8Array;
  const validators = createValidatorSet(
    'sha256',
    [0, 1, 2, 3].map((i) => ({
      address: address(networkValidatorKey(i)),
      publicKey: publicKey(networkValidatorKey(i)),
      votingPower: 1n,
    })),
  );
  const answer = await ask('headers', {
    headers: { startHeight: bigintToLong(1n), count: Number(head) },
  });
  const headers = answer.headers?.headers ?? [];
  assert.equal(headers.length, Number(head));
  const trusted = trustBlock(
    { height: 0n, hash: genesisHash, timeMs: 1_732_400_000_000n },
    validators,
  );
  const last = assertValidHeaderChain(
    trusted,
    headers.map((h) => ({ header: h.header ?? {}, commit: h.commit ?? {} })),
    { chainId: CHAIN_ID, hash: 'sha256' },
  );
  assert.equal(last.height, head);

  // The set that signs height 1, found by the hash its header names.
  const set = await ask('validator-set', { validatorSet: { height: bigintToLong(1n) } });
  const served = validatorSetFromMessage('sha256', set.validatorSet?.validatorSet ?? {});
  assert.deepEqual(served.hash, headers[0]?.header?.validatorsHash);
  assert.deepEqual(served.hash, validators.hash);
});

it('proves an account against a header and another account absent', async () => {
  const grid = await ask('account-proof', { accountProof: { address: address(GRID) } });
  const proof = grid.accountProof as pvchain.v1.AccountProofResponse;
  assert.ok(proof);
  const height = longToBigint(proof.height);
  const headers = await ask('headers', {
    headers: { startHeight: bigintToLong(height), count: 1 },
  });
  const stateRoot = headers.headers?.headers?.[0]?.header?.stateRoot as Uint8Array;
  const value = await verifyProof(stateRoot, hash('sha256', address(GRID)), proof.proof, {
    hash: 'sha256',
  });
  assert.deepEqual(value, proof.account);
  assert.equal(decodeAccount(proof.account as Uint8Array).realName, 'Lianhua Grid Co.');

  const nobody = address(household(999));
  const absent = await ask('account-proof', {
    accountProof: { address: nobody, height: bigintToLong(height) },
  });
  assert.equal(absent.accountProof?.account?.length, 0);
  assert.equal(
    await verifyProof(stateRoot, hash('sha256', nobody), absent.accountProof?.proof ?? [], {
      hash: 'sha256',
    }),
    null,
  );
});

it('takes a transaction for the pool and refuses a bad one with its result code', async () => {
  const tx = v1.SignedTransaction.decode(
    signedTransaction(GRID, 1n, [op.createHousehold(household(1))]),
  );
  const accepted = await ask('submit-tx', { submitTransaction: { transaction: tx } });
  assert.equal(accepted.body, 'submitTransaction');
  assert.equal(accepted.submitTransaction?.transactionHash?.length, 32);
  await n.waitFor(
    'the submitted transaction committed',
    () => n.committedTransactions(0) >= 1,
    30_000,
  );

  const stale = v1.SignedTransaction.decode(
    signedTransaction(GRID, 1n, [op.pay(household(1), 'kWh', 1n)]),
  );
  const refused = await ask('submit-tx', { submitTransaction: { transaction: stale } });
  assert.equal(refused.error?.code, SyncErrorCode.SYNC_ERROR_CODE_REJECTED);
  assert.equal(refused.error?.result, v1.ResultCode.RESULT_CODE_BAD_NONCE);
});

it('answers bad requests with their codes', async () => {
  const garbage = await ask('account-proof', new Uint8Array([0xff, 0x01, 0x02]));
  assert.equal(garbage.error?.code, SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST);
  const shortAddress = await ask('account-proof', {
    accountProof: { address: new Uint8Array(5) },
  });
  assert.equal(shortAddress.error?.code, SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST);
  const future = await ask('validator-set', { validatorSet: { height: bigintToLong(1n << 40n) } });
  assert.equal(future.error?.code, SyncErrorCode.SYNC_ERROR_CODE_NOT_FOUND);
  const wrongBody = await ask('headers', { status: {} });
  assert.equal(wrongBody.error?.code, SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST);
  const fromZero = await ask('headers', { headers: { startHeight: bigintToLong(0n), count: 1 } });
  assert.equal(fromZero.error?.code, SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST);
});
