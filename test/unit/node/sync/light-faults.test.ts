// The test-only dishonest light server (node/sync/light-faults.ts): the env switch's parsing, and
// each fault altering exactly what it says on answers built by the real light handlers' encoding.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createAccountRecord,
  decodeAccount,
  encodeAccount,
} from '../../../../node/ledger/account-record.ts';
import {
  type LightFault,
  parseTestFaults,
  withLightFaults,
} from '../../../../node/sync/light-faults.ts';
import type { LightHandlers } from '../../../../node/sync/light-handlers.ts';
import { decodeSyncResponse } from '../../../../node/sync/sync-wire.ts';
import { bigintToLong, encodeCanonical, longToBigint, pvchain } from '../../../../proto/index.ts';

const v1 = pvchain.v1;
const encode = (body: pvchain.v1.SyncResponse.$Properties) =>
  encodeCanonical(v1.SyncResponse, body);
const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);
const address = bytes(23, 7);
const account = encodeAccount(
  createAccountRecord({
    address,
    role: v1.AccountRole.ACCOUNT_ROLE_HOUSEHOLD,
    balances: new Map([[`${'ab'.repeat(23)}/kWh`, 5_000n]]),
  }),
);
const signature = (i: number) => ({ validator: bytes(23, i), signature: bytes(64, i) });

const honest: LightHandlers = {
  async headers(request) {
    const start = longToBigint(request.startHeight);
    const headers = Array.from({ length: request.count }, (_, i) => ({
      header: { height: bigintToLong(start + BigInt(i)), validatorsHash: bytes(32, 1) },
      commit: { signatures: [1, 2, 3, 4].map(signature) },
    }));
    return encode({ headers: { headers } });
  },
  async validatorSet() {
    const validators = [1, 2, 3, 4].map((i) => ({
      address: bytes(23, i),
      publicKey: bytes(32, i),
      votingPower: bigintToLong(1n),
    }));
    return encode({ validatorSet: { height: bigintToLong(1n), validatorSet: { validators } } });
  },
  async accountProof() {
    return encode({
      accountProof: { height: bigintToLong(9n), account, proof: [bytes(40, 1), bytes(30, 2)] },
    });
  },
  /** Key `o`: a stored 39-byte value; any other key: absent. */
  async storageProof(request) {
    const stored = request.key[0] === 0x6f;
    return encode({
      storageProof: {
        height: bigintToLong(9n),
        account,
        accountProof: [bytes(40, 1)],
        value: stored ? bytes(39, 5) : new Uint8Array(0),
        storageProof: [bytes(50, 3), bytes(45, 4)],
      },
    });
  },
  async submitTransaction() {
    return encode({ submitTransaction: { transactionHash: bytes(32, 3) } });
  },
};

const head = { head: () => 20n };
const ask = (faults: LightFault[]) => withLightFaults(honest, faults, head);
const headersRequest = (start: bigint, count: number) =>
  v1.HeadersRequest.create({ startHeight: bigintToLong(start), count });
const proofRequest = v1.AccountProofRequest.create({ address });
const storageRequest = (key: number[]) =>
  v1.StorageProofRequest.create({ contract: address, key: Uint8Array.from(key) });

describe('light faults (test only)', () => {
  it('parses PVCHAIN_TEST_FAULTS and refuses unknown names', () => {
    assert.deepEqual(parseTestFaults(undefined), { equivocate: false, light: [] });
    assert.deepEqual(parseTestFaults('equivocate, garbage'), {
      equivocate: true,
      light: ['garbage'],
    });
    assert.throws(() => parseTestFaults('forge-everything'), RangeError);
  });

  it('is the honest handlers themselves without a fault', () => {
    assert.equal(withLightFaults(honest, [], head), honest);
  });

  it('forges a balance but keeps the proof, or flips a byte of the leaf proof node', async () => {
    const forged = decodeSyncResponse(await ask(['forge-balance']).accountProof(proofRequest));
    const record = decodeAccount(forged.accountProof?.account as Uint8Array);
    assert.equal([...record.balances.values()][0], 1_005_000n);
    assert.deepEqual(forged.accountProof?.proof, [bytes(40, 1), bytes(30, 2)]);

    const badProof = decodeSyncResponse(await ask(['forge-proof']).accountProof(proofRequest));
    assert.deepEqual(badProof.accountProof?.account, account);
    assert.deepEqual(badProof.accountProof?.proof?.[0], bytes(40, 1));
    assert.notDeepEqual(badProof.accountProof?.proof?.[1], bytes(30, 2));
  });

  it('forges a stored value or invents an absent one, keeping both proofs', async () => {
    const forge = (key: number[]) =>
      ask(['forge-storage'])
        .storageProof(storageRequest(key))
        .then((b) => decodeSyncResponse(b).storageProof);
    const altered = await forge([0x6f, 1]);
    const expected = bytes(39, 5);
    expected[38] = 4;
    assert.deepEqual(altered?.value, expected);
    assert.deepEqual(altered?.account, account);
    assert.deepEqual(altered?.accountProof, [bytes(40, 1)]);
    assert.deepEqual(altered?.storageProof, [bytes(50, 3), bytes(45, 4)]);
    assert.deepEqual((await forge([0x6e]))?.value, bytes(39, 7));

    const flipped = decodeSyncResponse(
      await ask(['forge-proof']).storageProof(storageRequest([0x6f, 1])),
    ).storageProof;
    assert.deepEqual(flipped?.value, bytes(39, 5));
    assert.deepEqual(flipped?.storageProof?.[0], bytes(50, 3));
    assert.notDeepEqual(flipped?.storageProof?.[1], bytes(45, 4));
  });

  it('cuts certificates to a minority and names another validator set', async () => {
    const minority = decodeSyncResponse(
      await ask(['minority-commit']).headers(headersRequest(1n, 2)),
    );
    for (const h of minority.headers?.headers ?? []) assert.equal(h.commit?.signatures?.length, 2);
    const wrong = decodeSyncResponse(
      await ask(['wrong-validator-set']).headers(headersRequest(1n, 1)),
    );
    assert.notDeepEqual(wrong.headers?.headers?.[0]?.header?.validatorsHash, bytes(32, 1));
    const set = decodeSyncResponse(
      await ask(['wrong-validator-set']).validatorSet(v1.ValidatorSetRequest.create({})),
    );
    assert.equal(set.validatorSet?.validatorSet?.validators?.length, 3);
  });

  it('withholds the last five heights', async () => {
    const withheld = decodeSyncResponse(
      await ask(['withhold-head']).headers(headersRequest(10n, 100)),
    );
    assert.equal(withheld.headers?.headers?.length, 6); // 10..15 of a head at 20
    await assert.rejects(ask(['withhold-head']).headers(headersRequest(16n, 1)), {
      code: v1.SyncErrorCode.SYNC_ERROR_CODE_NOT_FOUND,
    });
  });

  it('answers garbage that does not decode', async () => {
    const answer = await ask(['garbage']).headers(headersRequest(1n, 1));
    assert.ok(answer.length >= 64);
    assert.notDeepEqual(answer, await honest.headers(headersRequest(1n, 1)));
    const storage = await ask(['garbage']).storageProof(storageRequest([0x6f]));
    assert.notDeepEqual(storage, await honest.storageProof(storageRequest([0x6f])));
  });
});
