// createLightClient in Chromium against real full nodes (the test server's network): a cold start
// to a verified balance over WebRTC-direct, a warm start from IndexedDB, and a dishonest full node
// (PVCHAIN_TEST_FAULTS, node/sync/light-faults.ts) for each lie: rejected with its own code and
// dropped, while an honest node still gives the right balance.
import { createIdbStore } from '../../light-client/client/idb-store.ts';
import { createLibp2pTransport } from '../../light-client/client/libp2p-transport.ts';
import {
  createLightClient,
  type FullNodePeer,
  type LightClientErrorCode,
  type LightStore,
} from '../../light-client/index.ts';
import { checkEqual, toHex } from '../shared/check.ts';
import {
  changeValidatorSet,
  dishonestNode,
  type LightNetwork,
  lightNetwork,
} from './support/light-network.ts';

async function clientOf(
  net: LightNetwork,
  peers: FullNodePeer[],
  store?: LightStore,
  witness = false,
) {
  const transport = await createLibp2pTransport({ chainId: net.chainId, peers });
  return createLightClient({
    chainId: net.chainId,
    hash: 'sha256',
    trust: net.trustRoot,
    transport,
    ...(store && { store }),
    timeoutMs: 15_000,
    witness,
  });
}

/** The household's energy balance (its only asset), verified. */
async function energyOf(client: Awaited<ReturnType<typeof clientOf>>, net: LightNetwork) {
  const account = await client.account(net.household);
  checkEqual(account.exists, true, 'the household exists');
  checkEqual(account.balances.size, 1, 'one asset');
  return [...account.balances.values()][0];
}

const honestFirst = (net: LightNetwork) => net.honest[0] as FullNodePeer;

describe('light client in Chromium', () => {
  const dbName = `pvchain-light-${Date.now()}`;
  let savedHeight = 0n;

  it('starts cold and verifies a balance over WebRTC-direct', async () => {
    const net = await lightNetwork();
    const store = createIdbStore({ dbName });
    const client = await clientOf(net, [honestFirst(net)], store);
    try {
      const start = await client.start();
      checkEqual(start.height, 0n, 'cold: from the genesis');
      checkEqual(await energyOf(client, net), net.householdEnergyWh, 'energy (Wh)');
      savedHeight = client.head()?.height ?? 0n;
      checkEqual(savedHeight >= 3n, true, `verified up to ${savedHeight}`);
      checkEqual(store.persistent, true, 'kept in IndexedDB');
    } finally {
      await client.close();
      store.close();
    }
  });

  it('starts warm from IndexedDB', async () => {
    const net = await lightNetwork();
    const store = createIdbStore({ dbName });
    const client = await clientOf(net, [net.honest[1] as FullNodePeer], store);
    try {
      const start = await client.start();
      checkEqual(start.height, savedHeight, 'warm: the saved head');
      checkEqual(await energyOf(client, net), net.householdEnergyWh, 'energy (Wh)');
      const fetched = client.stats().headersFetched;
      const head = client.head()?.height ?? 0n;
      checkEqual(BigInt(fetched), head - savedHeight, 'only the new headers fetched');
    } finally {
      await client.close();
      store.close();
    }
  });

  const lies: [string, LightClientErrorCode][] = [
    ['forge-balance', 'LIGHT_BAD_PROOF'],
    ['forge-proof', 'LIGHT_BAD_PROOF'],
    ['minority-commit', 'LIGHT_MINORITY_SIGNED'],
    ['wrong-validator-set', 'LIGHT_WRONG_VALIDATOR_SET'],
    ['withhold-head', 'LIGHT_WITHHELD_HEAD'],
    ['garbage', 'LIGHT_MALFORMED'],
  ];
  for (const [fault, code] of lies)
    it(`rejects a node with ${fault} (${code}) and still verifies from an honest one`, async () => {
      const net = await lightNetwork();
      const liar = await dishonestNode(fault);
      const client = await clientOf(net, [liar, honestFirst(net)]);
      try {
        await client.start();
        checkEqual(await energyOf(client, net), net.householdEnergyWh, 'energy (Wh)');
        const dropped = client.dropped();
        checkEqual(dropped.length, 1, `dropped: ${JSON.stringify(dropped.map((d) => d.code))}`);
        checkEqual(dropped[0]?.peer, liar.id, 'the liar dropped');
        checkEqual(dropped[0]?.code, code, `code (${dropped[0]?.message})`);
      } finally {
        await client.close();
      }
    });

  it('has a second node witness the head', async () => {
    const net = await lightNetwork();
    const [first, second] = net.honest as [FullNodePeer, FullNodePeer];
    const client = await clientOf(net, [first, second], undefined, true);
    try {
      await client.start();
      const account = await client.account(net.household);
      checkEqual(account.servedBy, first.id, 'served by the first node');
      checkEqual(account.witnessedBy, second.id, 'witnessed by the second');
    } finally {
      await client.close();
    }
  });

  it('follows a validator-set change made by transaction (last: it changes the network)', async () => {
    const net = await lightNetwork();
    const change = await changeValidatorSet();
    const client = await clientOf(net, [honestFirst(net)]);
    try {
      await client.start();
      checkEqual(await energyOf(client, net), net.householdEnergyWh, 'energy (Wh)');
      const head = client.head();
      checkEqual((head?.height ?? 0n) > change.effectiveHeight, true, 'verified past the change');
      const keys = (head?.nextValidators ?? []).map((v) => toHex(v.publicKey));
      checkEqual(keys.includes(toHex(change.joined)), true, 'the new member signs');
      const left = toHex(net.trustRoot.validators[3]?.publicKey ?? new Uint8Array());
      checkEqual(keys.includes(left), false, 'the old member does not');
    } finally {
      await client.close();
    }
  });
});
