// A network for the benchmark: four `pvchain node` processes (test/support/network.ts) with the
// plan's households in the genesis, at height 3, and a gossip client that the validators have
// heard from; the pre-signed payments are handed out in order, so nonces never leave a gap.
import { createTestNetwork } from '../../test/support/network.ts';
import { watchChain } from './chain-watch.ts';
import { householdKeys, type PaymentPlan, type SignedPayment } from './payments.ts';
import type { LoadContext } from './phases.ts';

export type NetworkSetup = {
  plan: PaymentPlan;
  /** The `ledger` section of node.json. */
  ledger: { maxBlockTransactions: number; blockIntervalMs: number };
  verifyWorkers: number;
  baseTimeoutMs: number;
  /** Environment of every validator process. */
  env: Record<string, string>;
};

export type LoadNetwork = LoadContext & { close(): Promise<void> };

export async function startLoadNetwork(
  setup: NetworkSetup,
  payments: SignedPayment[],
): Promise<LoadNetwork> {
  const net = await createTestNetwork({
    households: { keys: householdKeys(setup.plan), energyWh: 1_000_000 },
    ledger: setup.ledger,
    verifyWorkers: setup.verifyWorkers,
    baseTimeoutMs: setup.baseTimeoutMs,
  });
  try {
    for (let i = 0; i < net.validators.length; i++) net.start(i, setup.env);
    const allAt3 = () => net.validators.every((_, i) => net.height(i) >= 3);
    await net.waitFor('four validators at height 3', allAt3, 60_000);
    const client = await net.createClient(98);
    await net.waitFor('the client connected to all four', () => client.peers().length >= 4);
    let offset = 0;
    let peeked = 0;
    const ctx: LoadNetwork = {
      net,
      watch: watchChain(net),
      clients: [client],
      peek(count) {
        const next = payments.slice(offset, offset + count);
        peeked = next.length;
        return next;
      },
      consume(count) {
        if (count > peeked) throw new RangeError(`consumed ${count} of ${peeked} peeked`);
        offset += count;
        peeked = 0;
      },
      remaining: () => payments.length - offset,
      close: () => net.close(),
    };
    // Until the client has heard the validators subscribe, publishing fails with P2P_NO_PEERS.
    const [first] = ctx.peek(1);
    for (let tries = 0; first; tries++) {
      try {
        await client.publishTransaction(first.envelope);
        ctx.consume(1);
        break;
      } catch (error) {
        if (tries >= 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return ctx;
  } catch (error) {
    await net.close();
    throw error;
  }
}
