// Contract storage proofs end to end: four validators and a fifth full node started with
// PVCHAIN_TEST_FAULTS=forge-storage, the genesis energy contract, and a household that posts an
// offer. A light client in Node, trusting only the genesis hash and set, reads the offer through
// `storage-proof` and gets the exact record; the forging node is dropped with its code while an
// honest node answers; and hostile storage-proof requests get their error codes.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { decodeEnergyOffer, energyStorageKeys } from '../../light-client/contracts/energy/index.ts';
import { createLightClient, type LightClient } from '../../light-client/index.ts';
import { genesisContractAddress } from '../../node/ledger/contracts/contract-address.ts';
import { peerIdFromValidatorKey } from '../../node/p2p/index.ts';
import { decodeSyncResponse } from '../../node/sync/sync-wire.ts';
import { bigintToLong, encodeCanonical, pvchain } from '../../proto/index.ts';
import {
  address,
  CHAIN_ID,
  energyOp,
  household,
  publicKey,
  signedTransaction,
} from '../support/community.ts';
import { createNodeLightTransport } from '../support/light-transport.ts';
import { createTestNetwork, networkValidatorKey, type TestNetwork } from '../support/network.ts';

const v1 = pvchain.v1;
const { SyncErrorCode } = v1;
const FORGER = 4;
const SELLER = household(1);
const ENERGY = genesisContractAddress('sha256', CHAIN_ID, 'energy');
const OFFER = { remainingWh: 2_000n, priceFenPerKwh: 45n };
const peerOf = (i: number) => peerIdFromValidatorKey(publicKey(networkValidatorKey(i)));

let n: TestNetwork;
let p2p: Awaited<ReturnType<TestNetwork['createClient']>>;
let genesisHash: Uint8Array;
const clients: LightClient[] = [];

/** A light client that asks the nodes `order` in that order, trusting the genesis. */
function clientAsking(order: number[]): LightClient {
  const client = createLightClient({
    chainId: CHAIN_ID,
    hash: 'sha256',
    trust: {
      kind: 'genesis',
      genesisHash,
      genesisTimeMs: 1_732_400_000_000n,
      validators: [0, 1, 2, 3].map((i) => ({
        address: address(networkValidatorKey(i)),
        publicKey: publicKey(networkValidatorKey(i)),
        votingPower: 1n,
      })),
    },
    transport: createNodeLightTransport(p2p, {
      peers: order.map((i) => ({ id: peerOf(i), addresses: [] })),
    }),
    timeoutMs: 10_000,
  });
  clients.push(client);
  return client;
}

/** One raw storage-proof request to validator 0 and its decoded answer. */
async function askStorage(request: pvchain.v1.SyncRequest.$Properties | Uint8Array) {
  const body =
    request instanceof Uint8Array
      ? request
      : encodeCanonical(v1.SyncRequest, request, { maxBytes: 1 << 20 });
  return decodeSyncResponse(await p2p.request(peerOf(0), 'storage-proof', body));
}

before(async () => {
  n = await createTestNetwork({
    followers: 1,
    households: { keys: [SELLER], energyWh: 5_000 },
  });
  for (const i of [0, 1, 2, 3]) n.start(i);
  n.start(FORGER, { PVCHAIN_TEST_FAULTS: 'forge-storage' });
  const all = [0, 1, 2, 3, FORGER];
  await n.waitFor('height 3 on all five', () => all.every((i) => n.height(i) >= 3), 90_000);
  const genesis = await fetch(`${n.validators[0]?.apiUrl}/v1/blocks/0`);
  genesisHash = new Uint8Array(
    Buffer.from(((await genesis.json()) as { hash: string }).hash, 'hex'),
  );
  p2p = await n.createClient(97, all);
  await n.waitFor('the client connected', () => p2p.peers().length >= all.length, 30_000);

  const post = energyOp.call(
    ENERGY,
    { method: 'post_offer', amountWh: OFFER.remainingWh, priceFenPerKwh: OFFER.priceFenPerKwh },
    [{ code: 'kWh', amount: OFFER.remainingWh }],
  );
  const submitter = clientAsking([0, 1, 2, 3]);
  await submitter.start();
  await submitter.submit(signedTransaction(SELLER, 1n, [post], { gasLimit: 1_000_000n }));
  await n.waitFor(
    'the offer committed on all five',
    () => all.every((i) => n.committedTransactions(i) >= 1),
    60_000,
  );
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await n?.close();
});

it('reads the posted offer through a storage proof: the exact record', async () => {
  const client = clientAsking([0, 1, 2, 3]);
  await client.start();
  const offer = await client.storage(ENERGY, energyStorageKeys.offer(1n));
  assert.ok(offer.value, 'offer 1 is stored');
  assert.deepEqual(decodeEnergyOffer(offer.value), { seller: address(SELLER), ...OFFER });
  assert.ok(offer.height >= 3n);
  assert.deepEqual(offer.headerHash, client.head()?.headerHash);
  const next = await client.storage(ENERGY, energyStorageKeys.nextOfferId(), { sync: false });
  assert.equal(new DataView((next.value as Uint8Array).buffer).getBigUint64(0, true), 2n);
  const none = await client.storage(ENERGY, energyStorageKeys.offer(2n), { sync: false });
  assert.equal(none.value, null, 'offer 2 proven absent');
  await assert.rejects(client.storage(address(SELLER), energyStorageKeys.offer(1n)), {
    code: 'LIGHT_NOT_A_CONTRACT',
  });
});

it('drops the node that forges storage with its code and takes an honest answer', async () => {
  const client = clientAsking([FORGER, 0, 1, 2, 3]);
  await client.start();
  const offer = await client.storage(ENERGY, energyStorageKeys.offer(1n));
  assert.deepEqual(decodeEnergyOffer(offer.value as Uint8Array), {
    seller: address(SELLER),
    ...OFFER,
  });
  assert.notEqual(offer.servedBy, peerOf(FORGER));
  assert.deepEqual(
    client.dropped().map((d) => [d.peer, d.code]),
    [[peerOf(FORGER), 'LIGHT_BAD_PROOF']],
  );
});

it('answers hostile storage-proof requests with their codes', async () => {
  const key = energyStorageKeys.offer(1n);
  const codeOf = async (storageProof: pvchain.v1.StorageProofRequest.$Properties) =>
    (await askStorage({ storageProof })).error?.code;
  assert.equal(
    await codeOf({ contract: new Uint8Array(5), key }),
    SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST,
  );
  assert.equal(await codeOf({ contract: ENERGY }), SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST);
  assert.equal(
    await codeOf({ contract: ENERGY, key: new Uint8Array(65) }),
    SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST,
  );
  assert.equal(
    await codeOf({ contract: ENERGY, key, height: bigintToLong(1n << 40n) }),
    SyncErrorCode.SYNC_ERROR_CODE_NOT_FOUND,
  );
  const oversized = new Uint8Array(129).fill(0x0a);
  assert.equal(
    (await askStorage(oversized)).error?.code,
    SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST,
  );
  const wrongBody = await askStorage({ accountProof: { address: ENERGY } });
  assert.equal(wrongBody.error?.code, SyncErrorCode.SYNC_ERROR_CODE_BAD_REQUEST);
  const honest = await askStorage({ storageProof: { contract: ENERGY, key } });
  assert.equal(honest.storageProof?.value?.length, 39);
});
