// The grid's transactions, one at a time: each is signed in the browser with the grid's key and
// the next nonce (read from the node when the previous one is done), and waits until it is in a
// block (household/transactions.ts). Returns the height; throws an error with the chain's code.
import type { pvchain } from '../../../proto/index.ts';
import type { HouseholdKey } from '../household/key-store.ts';
import { submitCommitted } from '../household/transactions.ts';
import type { AppConfig } from '../shared/config.ts';

export type RunOperations = (operations: pvchain.v1.Operation.$Properties[]) => Promise<string>;

export function createOperationRunner(config: AppConfig, key: HouseholdKey): RunOperations {
  let queue: Promise<unknown> = Promise.resolve();
  return (operations) => {
    const next = queue.then(async () => {
      const { account } = await config.api.account(key.address);
      const result = await submitCommitted(config, key, BigInt(account.nonce) + 1n, operations);
      return result.height;
    });
    queue = next.catch(() => {});
    return next;
  };
}
