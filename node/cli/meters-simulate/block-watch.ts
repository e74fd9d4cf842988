// Watches the dev chain's blocks for the simulate command: the receipts of the relay's reading
// transactions (result codes, the energy contract's events per household) and of the set-up
// transactions, and waits, with a bound, for a block or for a condition on the state.
import { decodeEnergyEvent } from '../../../light-client/contracts/energy/index.ts';
import { decodeCanonical, pvchain } from '../../../proto/index.ts';
import type { PvchainNode } from '../../node.ts';

export type HouseholdTally = {
  /** Triggered trades: times the trigger was reached, and the kWh credited, in Wh. */
  triggers: number;
  triggeredWh: number;
  supplyCuts: number;
  supplyRestorations: number;
};

const EMPTY = new Uint8Array(0);
const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export function createBlockWatch(node: PvchainNode, relayAddress: Uint8Array) {
  const relayHex = hexOf(relayAddress);
  const tallies = new Map<string, HouseholdTally>();
  /** Result code name -> relay transactions that failed in a block. */
  const failed: Record<string, number> = {};
  const receipts = new Map<string, pvchain.v1.Receipt>();
  const waiters = new Set<() => void>();
  let blocks = 0;

  const tallyOf = (household: string): HouseholdTally => {
    let tally = tallies.get(household);
    if (!tally) {
      tally = { triggers: 0, triggeredWh: 0, supplyCuts: 0, supplyRestorations: 0 };
      tallies.set(household, tally);
    }
    return tally;
  };

  const unsubscribe = node.onCommitted((block) => {
    blocks++;
    block.executed.included.forEach((tx, position) => {
      if (tx.sourceHex !== relayHex) return;
      const receipt = decodeCanonical(
        pvchain.v1.Receipt,
        block.executed.receipts[position] as Uint8Array,
      );
      receipts.set(tx.hashHex, receipt);
      if (receipt.result !== pvchain.v1.ResultCode.RESULT_CODE_OK) {
        const name = pvchain.v1.ResultCode[receipt.result] ?? String(receipt.result);
        failed[name] = (failed[name] ?? 0) + 1;
      }
      for (const event of receipt.events ?? []) {
        let decoded: ReturnType<typeof decodeEnergyEvent>;
        try {
          decoded = decodeEnergyEvent({ topic: event.topic ?? EMPTY, data: event.data ?? EMPTY });
        } catch {
          continue; // not an energy contract event
        }
        if (decoded.type === 'triggered_trade') {
          const tally = tallyOf(hexOf(decoded.household));
          tally.triggers += Number(decoded.triggers);
          tally.triggeredWh += Number(decoded.amountWh);
        } else if (decoded.type === 'supply_cut') tallyOf(hexOf(decoded.household)).supplyCuts++;
        else if (decoded.type === 'supply_restored')
          tallyOf(hexOf(decoded.household)).supplyRestorations++;
      }
    });
    for (const wake of [...waiters]) wake();
  });

  /** Resolves at the next committed block, when `signal` aborts, or after `timeoutMs`. */
  function nextBlock(signal?: AbortSignal, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
      if (signal?.aborted) done();
    });
  }

  /** Waits for `condition` to hold, checking after each block; false after `timeoutMs`. */
  async function waitUntil(
    condition: () => boolean,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - performance.now();
      if (left <= 0 || signal?.aborted) return condition();
      await nextBlock(signal, left);
    }
    return true;
  }

  return {
    tallyOf,
    failed,
    blocks: (): number => blocks,
    receiptOf: (hash: Uint8Array): pvchain.v1.Receipt | undefined => receipts.get(hexOf(hash)),
    nextBlock,
    waitUntil,
    stop: unsubscribe,
  };
}

export type BlockWatch = ReturnType<typeof createBlockWatch>;
