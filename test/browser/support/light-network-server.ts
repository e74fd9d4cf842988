// Node side of the browser light-client tests (web-test-runner.config.mjs): a real network of
// `pvchain node` processes on 127.0.0.1 (test/support/network.ts: four validators and two full
// nodes that follow them), started on the first request and stopped with the test server. The
// browser learns the nodes' current addresses (WebRTC-direct certhashes change at every start)
// and the trust root from GET /__network; POST /__network/dishonest?faults=<list> restarts the
// follower with PVCHAIN_TEST_FAULTS (node/sync/light-faults.ts) and answers its new addresses;
// POST /__network/set-change swaps validator 3 for node 5 by transaction (once).
import { peerIdFromValidatorKey } from '../../../node/p2p/index.ts';
import { bigintToLong, pvchain } from '../../../proto/index.ts';
import {
  address,
  CHAIN_ID,
  GENESIS,
  GRID,
  hex,
  household,
  publicKey,
  signedTransaction,
} from '../../support/community.ts';
import { createTestNetwork, networkValidatorKey, type TestNetwork } from '../../support/network.ts';

export const HOUSEHOLD_KEY = household(1);
export const HOUSEHOLD_ENERGY_WH = 20_000;
const VALIDATORS = 4;
/** Node 4 follows and is restarted dishonest; node 5 joins the set in place of validator 3. */
const FOLLOWER = VALIDATORS;
const JOINER = VALIDATORS + 1;
const GENESIS_TIME_MS = 1_732_400_000_000;
const READY_MS = 90_000;

type Ctx = {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  type: string;
  body: unknown;
  status: number;
};

let network: Promise<TestNetwork> | null = null;

const peerOf = (n: TestNetwork, i: number) => ({
  id: peerIdFromValidatorKey(publicKey(networkValidatorKey(i))),
  addresses: n.browserAddresses(i),
});

async function startNetwork(): Promise<TestNetwork> {
  const n = await createTestNetwork({
    followers: 2,
    households: { keys: [HOUSEHOLD_KEY], energyWh: HOUSEHOLD_ENERGY_WH },
  });
  for (let i = 0; i <= JOINER; i++) n.start(i);
  const all = Array.from({ length: JOINER + 1 }, (_, i) => i);
  await n.waitFor(
    'every node ready at height 3',
    () => all.every((i) => n.browserAddresses(i).length > 0 && n.height(i) >= 3),
    READY_MS,
  );
  return n;
}

async function genesisHash(n: TestNetwork): Promise<string> {
  const answer = await fetch(`${n.validators[0]?.apiUrl}/v1/blocks/0`);
  const block = (await answer.json()) as { hash?: string };
  if (!answer.ok || typeof block.hash !== 'string') throw new Error('no genesis block hash');
  return block.hash;
}

/**
 * Restarts the follower with `faults` (empty: honest) and waits until this new process is ready
 * and has itself committed (synced) the validators' height of the moment.
 */
async function restartFollower(n: TestNetwork, faults: string): Promise<void> {
  const events = () => n.validators[FOLLOWER]?.events ?? [];
  await n.kill(FOLLOWER);
  const from = events().length;
  n.start(FOLLOWER, faults ? { PVCHAIN_TEST_FAULTS: faults } : {});
  const target = Math.max(...[0, 1, 2, 3].map((i) => n.height(i)));
  await n.waitFor(
    `the follower ready with faults ${faults || '(none)'} at height ${target}`,
    () => {
      const mine = events().slice(from);
      return (
        mine.some((e) => e.event === 'ready') &&
        mine.some((e) => e.event === 'committed' && Number(e.height) >= target)
      );
    },
    READY_MS,
  );
}

/** SET_VALIDATORS {0, 1, 2, 5} from 12 heights on, signed by validators 0-2 (ADR 0018). */
function setValidatorsTx(effectiveHeight: bigint): Uint8Array {
  const validators = [0, 1, 2, JOINER]
    .map((i) => ({
      address: address(networkValidatorKey(i)),
      publicKey: publicKey(networkValidatorKey(i)),
      votingPower: bigintToLong(1n),
    }))
    .sort((a, b) => Buffer.compare(a.address, b.address));
  const operation = {
    type: pvchain.v1.OperationType.OPERATION_TYPE_SET_VALIDATORS,
    setValidators: { validatorSet: { validators }, effectiveHeight: bigintToLong(effectiveHeight) },
  };
  return signedTransaction(GENESIS, 1n, [operation], {
    cosigners: [0, 1, 2].map(networkValidatorKey),
  });
}

let setChange: Promise<{ effectiveHeight: string; joined: string }> | null = null;

/** Swaps validator 3 for node 5 (once) and waits until every validator is past the change. */
async function changeValidatorSet(n: TestNetwork) {
  const heights = () => [0, 1, 2, 3, JOINER].map((i) => n.height(i));
  const effective = BigInt(Math.max(...heights())) + 12n;
  await n.gossipWhenSubscribed([setValidatorsTx(effective)]);
  await n.waitFor(
    `every validator past the set change at ${effective}`,
    () => heights().every((h) => h >= Number(effective) + 2),
    READY_MS,
  );
  return {
    effectiveHeight: String(effective),
    joined: hex(publicKey(networkValidatorKey(JOINER))),
  };
}

const FAULTS = /^[a-z-]+(,[a-z-]+)*$|^$/;

/** Koa middleware of @web/test-runner's server. */
export async function lightNetworkMiddleware(ctx: Ctx, next: () => Promise<unknown>) {
  if (!ctx.path.startsWith('/__network')) return next();
  network ??= startNetwork();
  const n = await network;
  if (ctx.method === 'POST' && ctx.path === '/__network/dishonest') {
    const faults = String(ctx.query.faults ?? '');
    if (!FAULTS.test(faults)) {
      ctx.status = 400;
      ctx.body = 'faults: a comma-separated list of names';
      return;
    }
    await restartFollower(n, faults);
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(peerOf(n, FOLLOWER));
    return;
  }
  if (ctx.method === 'POST' && ctx.path === '/__network/set-change') {
    setChange ??= changeValidatorSet(n);
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(await setChange);
    return;
  }
  if (ctx.method !== 'GET' || ctx.path !== '/__network') return next();
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({
    chainId: CHAIN_ID,
    genesisHash: await genesisHash(n),
    genesisTimeMs: String(GENESIS_TIME_MS),
    validators: Array.from({ length: VALIDATORS }, (_, i) => ({
      address: hex(address(networkValidatorKey(i))),
      publicKey: hex(publicKey(networkValidatorKey(i))),
      votingPower: '1',
    })),
    honest: Array.from({ length: VALIDATORS }, (_, i) => peerOf(n, i)),
    follower: peerOf(n, FOLLOWER),
    household: hex(address(HOUSEHOLD_KEY)),
    grid: hex(address(GRID)),
    householdEnergyWh: String(HOUSEHOLD_ENERGY_WH),
  });
}

/** Stops the network, if it was started (the test server's serverStop). */
export async function stopLightNetwork(): Promise<void> {
  const started = network;
  network = null;
  setChange = null;
  await (await started?.catch(() => null))?.close();
}

/** Node `i`'s HTTP API URL (starting the network if needed): the web app tests' API proxy. */
export async function lightNetworkApiUrl(i: number): Promise<string> {
  network ??= startNetwork();
  return (await network).validators[i]?.apiUrl ?? '';
}
