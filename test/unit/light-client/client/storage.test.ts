// Storage proofs (light-client/client/storage.ts): an honest answer gives the exact stored record
// and a proven absence null; every crafted lie - a value altered, invented or withheld, another
// key's proof, proofs against another state or storage root, truncated nodes, an account that is
// no contract - is refused with its code. Then LightClient.storage() against nodes in memory: a
// forging node dropped with its code while an honest one answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeEnergyOffer,
  encodeEnergyOffer,
  energyStorageKeys,
} from '../../../../light-client/contracts/energy/index.ts';
import {
  createLightClient,
  LightClientError,
  type LightClientErrorCode,
  verifyStorageAnswer,
} from '../../../../light-client/index.ts';
import { bigintToLong, type pvchain } from '../../../../proto/index.ts';
import {
  ABSENT_OFFER_ID,
  ALG,
  buildChain,
  CHAIN_ID,
  CONTRACT,
  createState,
  fakeTransport,
  GRID,
  genesisRoot,
  HOUSEHOLD,
  honestNode,
  NOBODY,
  OFFER_ID,
  offerOf,
} from './fake-chain.ts';
import { createContractStorage, storageAnswer } from './fake-storage.ts';

type Answer = pvchain.v1.StorageProofResponse.$Properties;
const HEIGHT = 12n;
const offerKey = energyStorageKeys.offer(OFFER_ID);
const absentKey = energyStorageKeys.offer(ABSENT_OFFER_ID);
const state = await createState();
const anchor = { height: HEIGHT, hash: new Uint8Array(32).fill(0x42), stateRoot: state.root };

const honest = (key = offerKey, contract = CONTRACT.address) =>
  state.storageAnswer(contract, key, HEIGHT);

const verify = (answer: Answer, key = offerKey, contract = CONTRACT.address, at = anchor) =>
  verifyStorageAnswer(ALG, at, contract, key, answer, 'node-x');

/** Asserts that verifying `answer` throws a LightClientError with `code`. */
function refuses(code: LightClientErrorCode, answer: Answer, key = offerKey, at = anchor) {
  assert.throws(
    () => verify(answer, key, CONTRACT.address, at),
    (error) => error instanceof LightClientError && error.code === code,
  );
}

const cutLast = (nodes: Uint8Array[] | null | undefined) => (nodes ?? []).slice(0, -1);

describe('storage proofs', () => {
  it('proves an offer record exactly, and an absent offer as null', async () => {
    const proven = verify(await honest());
    assert.deepEqual(proven.value, encodeEnergyOffer(offerOf(HOUSEHOLD.address)));
    assert.deepEqual(decodeEnergyOffer(proven.value as Uint8Array), offerOf(HOUSEHOLD.address));
    assert.deepEqual(proven.storageRoot, state.storageRoot);
    assert.deepEqual(proven.stateRoot, state.root);
    assert.equal(proven.height, HEIGHT);
    assert.deepEqual(proven.key, offerKey);
    assert.equal(verify(await honest(absentKey), absentKey).value, null);
  });

  it('refuses a value altered, invented or withheld', async () => {
    const answer = await honest();
    const inflated = encodeEnergyOffer({ ...offerOf(HOUSEHOLD.address), remainingWh: 9_999n });
    refuses('LIGHT_BAD_PROOF', { ...answer, value: inflated });
    refuses('LIGHT_BAD_PROOF', { ...answer, value: new Uint8Array(0) });
    const absent = await honest(absentKey);
    refuses('LIGHT_BAD_PROOF', { ...absent, value: inflated }, absentKey);
  });

  it('refuses the proof of another key', async () => {
    // The record of offer 7 served as offer 6, and the next-id entry served as offer 7.
    refuses('LIGHT_BAD_PROOF', await honest(offerKey), absentKey);
    const next = await honest(energyStorageKeys.nextOfferId());
    refuses('LIGHT_BAD_PROOF', next);
  });

  it('refuses proofs against another state root, storage root or height', async () => {
    const answer = await honest();
    refuses('LIGHT_BAD_PROOF', answer, offerKey, { ...anchor, stateRoot: state.storageRoot });
    refuses('LIGHT_BAD_PROOF', { ...answer, height: bigintToLong(HEIGHT - 1n) });
    // Another storage trie (an older one, say): its own record and proof, the honest account.
    const other = await createContractStorage(GRID.address);
    const stale = await storageAnswer(state, other, CONTRACT.address, offerKey, HEIGHT);
    refuses('LIGHT_BAD_PROOF', stale);
  });

  it('refuses truncated proofs and an altered contract account', async () => {
    const answer = await honest();
    refuses('LIGHT_BAD_PROOF', { ...answer, storageProof: cutLast(answer.storageProof) });
    refuses('LIGHT_BAD_PROOF', { ...answer, accountProof: cutLast(answer.accountProof) });
    const nodes = [...(answer.storageProof ?? [])];
    const last = nodes.at(-1) as Uint8Array;
    nodes[nodes.length - 1] = last.subarray(0, last.length >> 1);
    refuses('LIGHT_BAD_PROOF', { ...answer, storageProof: nodes });
    const account = (answer.account as Uint8Array).slice();
    account[account.length - 1] = (account.at(-1) ?? 0) ^ 0x01;
    refuses('LIGHT_BAD_PROOF', { ...answer, account });
  });

  it('says LIGHT_NOT_A_CONTRACT for a household and for no account at all', async () => {
    for (const who of [HOUSEHOLD, NOBODY]) {
      const answer = await honest(offerKey, who.address);
      assert.throws(
        () => verify(answer, offerKey, who.address),
        (error) => error instanceof LightClientError && error.code === 'LIGHT_NOT_A_CONTRACT',
      );
    }
  });
});

describe('light client storage()', () => {
  const chain = buildChain({ count: 5, stateRoot: state.root });
  const clientOf = (transport: ReturnType<typeof fakeTransport>['transport']) =>
    createLightClient({ chainId: CHAIN_ID, hash: ALG, trust: genesisRoot(), transport });

  it('reads an offer and an absence, verified at the head', async () => {
    const { transport } = fakeTransport([{ id: 'n0', answer: honestNode(chain, state) }]);
    const client = clientOf(transport);
    await client.start();
    const offer = await client.storage(CONTRACT.address, offerKey);
    assert.deepEqual(decodeEnergyOffer(offer.value as Uint8Array), offerOf(HOUSEHOLD.address));
    assert.equal(offer.height, 5n);
    assert.deepEqual(offer.headerHash, chain.headers[4]?.hash);
    assert.equal(offer.servedBy, 'n0');
    const absent = await client.storage(CONTRACT.address, absentKey, { sync: false });
    assert.equal(absent.value, null);
    await assert.rejects(client.storage(CONTRACT.address, new Uint8Array(0)), RangeError);
    await assert.rejects(client.storage(CONTRACT.address, new Uint8Array(65)), RangeError);
    await assert.rejects(client.storage(new Uint8Array(5), offerKey), RangeError);
    await client.close();
  });

  it('drops a node that forges a value and takes the honest answer', async () => {
    const forged = encodeEnergyOffer({ ...offerOf(HOUSEHOLD.address), priceFenPerKwh: 1n });
    const { transport } = fakeTransport([
      {
        id: 'liar',
        answer: honestNode(chain, state),
        override: async (protocol, _request, real) => {
          if (protocol !== 'storage-proof') return undefined;
          const answer = await real();
          return { storageProof: { ...answer.storageProof, value: forged } };
        },
      },
      { id: 'n1', answer: honestNode(chain, state) },
    ]);
    const client = clientOf(transport);
    await client.start();
    await client.syncHead();
    const offer = await client.storage(CONTRACT.address, offerKey, { sync: false });
    assert.deepEqual(offer.value, encodeEnergyOffer(offerOf(HOUSEHOLD.address)));
    assert.equal(offer.servedBy, 'n1');
    assert.deepEqual(
      client.dropped().map((d) => [d.peer, d.code]),
      [['liar', 'LIGHT_BAD_PROOF']],
    );
    await client.close();
  });

  it('stops at LIGHT_NOT_A_CONTRACT without asking another node', async () => {
    const { transport, log } = fakeTransport([
      { id: 'n0', answer: honestNode(chain, state) },
      { id: 'n1', answer: honestNode(chain, state) },
    ]);
    const client = clientOf(transport);
    await client.start();
    await assert.rejects(client.storage(HOUSEHOLD.address, offerKey), {
      code: 'LIGHT_NOT_A_CONTRACT',
    });
    assert.deepEqual(
      log.filter((r) => r.protocol === 'storage-proof').map((r) => r.peer),
      ['n0'],
    );
    assert.deepEqual(client.dropped(), []);
    await client.close();
  });
});
