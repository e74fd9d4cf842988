// The light client (pvchain/light-client) in Node against real validator processes: four
// validators and a fifth full node, reached over libp2p by a peer that is not a validator. Trust
// starts from the genesis hash the operator publishes (here: validator 0's API) and the genesis
// set; every balance is proved against a header the client verified itself, with a witness.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import {
  createLightClient,
  createMemoryStore,
  type LightClientOptions,
  type LightProtocol,
  type LightTransport,
  type TrustRoot,
} from '../../light-client/index.ts';
import { peerIdFromValidatorKey } from '../../node/p2p/index.ts';
import { bigintToLong, decodeCanonical, pvchain } from '../../proto/index.ts';
import {
  address,
  CHAIN_ID,
  GENESIS,
  GRID,
  GRID_START_FEN,
  GRID_START_WH,
  hex,
  household,
  op,
  publicKey,
  signedTransaction,
} from '../support/community.ts';
import { createNodeLightTransport } from '../support/light-transport.ts';
import { createTestNetwork, networkValidatorKey, type TestNetwork } from '../support/network.ts';

const v1 = pvchain.v1;
const ALL = [0, 1, 2, 3, 4];
const gridAsset = (code: string) => `${hex(address(GRID))}/${code}`;
let n: TestNetwork;
let transport: LightTransport;
let p2p: Awaited<ReturnType<TestNetwork['createClient']>>;
let trust: TrustRoot;
/** Every request the clients send: protocol and request, in order. */
const asked: { protocol: LightProtocol; request: pvchain.v1.SyncRequest }[] = [];
const store = createMemoryStore();
const peerOf = (i: number) => ({
  id: peerIdFromValidatorKey(publicKey(networkValidatorKey(i))),
  addresses: [],
});

const clientWith = (extra: Partial<LightClientOptions> = {}) =>
  createLightClient({
    chainId: CHAIN_ID,
    hash: 'sha256',
    trust,
    transport,
    store,
    witness: true,
    timeoutMs: 5000,
    ...extra,
  });

/** Waits until every running node committed at least `count` transactions. */
const committedEverywhere = (count: number, nodes = ALL) =>
  n.waitFor(
    `${count} transactions committed on ${nodes}`,
    () => nodes.every((i) => n.committedTransactions(i) >= count),
    60_000,
  );

before(async () => {
  n = await createTestNetwork({ followers: 1 });
  for (const i of ALL) n.start(i);
  await n.waitFor('height 3 on all five', () => ALL.every((i) => n.height(i) >= 3), 90_000);
  const genesisBlock = await fetch(`${n.validators[0]?.apiUrl}/v1/blocks/0`);
  const { hash } = (await genesisBlock.json()) as { hash: string };
  trust = {
    kind: 'genesis',
    genesisHash: new Uint8Array(Buffer.from(hash, 'hex')),
    genesisTimeMs: 1_732_400_000_000n,
    validators: [0, 1, 2, 3].map((i) => ({
      address: address(networkValidatorKey(i)),
      publicKey: publicKey(networkValidatorKey(i)),
      votingPower: 1n,
    })),
  };
  p2p = await n.createClient(97, ALL);
  await n.waitFor('the client connected', () => p2p.peers().length >= 4, 30_000);
  const inner = createNodeLightTransport(p2p, {
    peers: ALL.map(peerOf),
  });
  transport = {
    ...inner,
    request(peer, protocol, body, options) {
      asked.push({
        protocol,
        request: decodeCanonical(v1.SyncRequest, body, { maxBytes: 1 << 20 }),
      });
      return inner.request(peer, protocol, body, options);
    },
  };
});
after(() => n?.close());

it('starts cold from the genesis and verifies the grid balance, witnessed', async () => {
  const client = clientWith();
  assert.equal((await client.start()).height, 0n);
  const grid = await client.account(address(GRID));
  assert.equal(grid.exists, true);
  assert.equal(grid.realName, 'Lianhua Grid Co.');
  assert.equal(grid.balances.get(gridAsset('kWh')), GRID_START_WH);
  assert.equal(grid.balances.get(gridAsset('CNY')), GRID_START_FEN);
  assert.equal(grid.nonce, 0n);
  assert.ok(grid.height >= 3n);
  assert.deepEqual(grid.headerHash, client.head()?.headerHash);
  assert.ok(grid.servedBy);
  assert.ok(grid.witnessedBy && grid.witnessedBy !== grid.servedBy, 'a second node confirmed it');
  assert.deepEqual(client.dropped(), []);
  assert.equal(store.saves, 1);
  const fetched = asked.filter((a) => a.protocol === 'headers');
  assert.equal(Number(fetched[0]?.request.headers?.startHeight), 1);
});

it('proves an account absent', async () => {
  const client = clientWith();
  await client.start();
  const nobody = await client.account(address(household(999)));
  assert.equal(nobody.exists, false);
  assert.equal(nobody.balances.size, 0);
  assert.equal(nobody.nonce, 0n);
});

it('resumes from the stored head and fetches only the headers after it', async () => {
  const stored = (await store.load(CHAIN_ID))?.head.height ?? 0n;
  assert.ok(stored >= 3n);
  await n.waitFor(
    'three more blocks',
    () => ALL.every((i) => n.height(i) >= Number(stored) + 3),
    30_000,
  );
  const client = clientWith();
  assert.equal((await client.start()).height, stored);
  const from = asked.length;
  const head = await client.syncHead();
  assert.ok(head.height >= stored + 3n);
  const headers = asked.slice(from).filter((a) => a.protocol === 'headers');
  assert.equal(Number(headers[0]?.request.headers?.startHeight), Number(stored) + 1);
  assert.equal(client.stats().headersFetched, Number(head.height - stored));
});

it('submits a transaction and verifies the balances it changed', async () => {
  const client = clientWith();
  await client.start();
  const tx = signedTransaction(GRID, 1n, [
    op.createHousehold(household(1)),
    op.pay(household(1), 'kWh', 5_000n),
  ]);
  const { transactionHash, servedBy } = await client.submit(tx);
  assert.equal(transactionHash.length, 32);
  assert.ok(servedBy);
  await committedEverywhere(1);
  const home = await client.account(address(household(1)));
  assert.equal(home.exists, true);
  assert.equal(home.realName, 'Household 101');
  assert.equal(home.balances.get(gridAsset('kWh')), 5_000n);
  const grid = await client.account(address(GRID), { sync: false });
  assert.equal(grid.nonce, 1n);
  assert.equal(grid.balances.get(gridAsset('kWh')), GRID_START_WH - 5_000n);

  const again = await client.submit(tx).then(
    () => null,
    (error) => error,
  );
  assert.equal(again?.code, 'LIGHT_REJECTED');
});

it('follows a validator-set change and verifies headers the new set signed', {
  timeout: 240_000,
}, async () => {
  const client = clientWith();
  await client.start();
  const effective = BigInt(Math.max(...ALL.map((i) => n.height(i)))) + 12n;
  const members = [0, 1, 2, 4]
    .map((i) => ({
      address: address(networkValidatorKey(i)),
      publicKey: publicKey(networkValidatorKey(i)),
      votingPower: bigintToLong(1n),
    }))
    .sort((a, b) => Buffer.compare(a.address, b.address));
  const change = signedTransaction(
    GENESIS,
    1n,
    [
      {
        type: v1.OperationType.OPERATION_TYPE_SET_VALIDATORS,
        setValidators: {
          validatorSet: { validators: members },
          effectiveHeight: bigintToLong(effective),
        },
      },
    ],
    { cosigners: [0, 1, 2].map(networkValidatorKey) },
  );
  await client.submit(change);
  await n.waitFor(
    `every node past height ${effective + 2n}`,
    () => ALL.every((i) => n.height(i) >= Number(effective) + 2),
    90_000,
  );
  const from = asked.length;
  const head = await client.syncHead();
  assert.ok(head.height >= effective + 2n);
  assert.deepEqual(
    head.nextValidators.map((v) => hex(v.address)).sort(),
    members.map((m) => hex(m.address)).sort(),
  );
  const sets = asked.slice(from).filter((a) => a.protocol === 'validator-set');
  assert.deepEqual(
    sets.map((a) => BigInt(a.request.validatorSet?.height?.toString() ?? 0)),
    [effective],
  );

  // Without validator 0 and the removed validator 3, blocks are final only with node 4's vote.
  await n.kill(0);
  await n.kill(3);
  const before = Math.max(...[1, 2, 4].map((i) => n.height(i)));
  await n.waitFor(
    'validators 1, 2 and 4 commit on',
    () => [1, 2, 4].every((i) => n.height(i) >= before + 2),
    60_000,
  );
  const later = await client.account(address(GRID));
  assert.ok(later.height >= BigInt(before + 2));
  assert.equal(later.balances.get(gridAsset('kWh')), GRID_START_WH - 5_000n);
  assert.deepEqual(client.dropped(), [], 'stopped nodes are passed over, not dropped');
});

it('drops real dishonest nodes with their codes and takes the honest answer', {
  timeout: 120_000,
}, async () => {
  // Validators 0 and 3 come back lying: 3 cuts certificates to a minority, 0 forges balances.
  n.start(3, { PVCHAIN_TEST_FAULTS: 'minority-commit' });
  n.start(0, { PVCHAIN_TEST_FAULTS: 'forge-balance' });
  const top = () => Math.max(...[1, 2, 4].map((i) => n.height(i)));
  const target = top() + 1;
  await n.waitFor('0 and 3 caught up', () => [0, 3].every((i) => n.height(i) >= target), 60_000);
  const order = [3, 0, 1, 2, 4];
  const client = createLightClient({
    chainId: CHAIN_ID,
    hash: 'sha256',
    trust,
    transport: createNodeLightTransport(p2p, { peers: order.map(peerOf) }),
    timeoutMs: 5000,
  });
  await client.start();
  const grid = await client.account(address(GRID));
  assert.equal(grid.balances.get(gridAsset('kWh')), GRID_START_WH - 5_000n);
  assert.equal(grid.servedBy, peerOf(1).id);
  assert.deepEqual(
    client.dropped().map((d) => [d.peer, d.code]),
    [
      [peerOf(3).id, 'LIGHT_MINORITY_SIGNED'],
      [peerOf(0).id, 'LIGHT_BAD_PROOF'],
    ],
  );
});
