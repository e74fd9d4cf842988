// Browser side of the web app's tests: the app's configuration for the test network (the API
// through the test server's /__api proxy), mounting elements, bounded waits for what the UI
// shows, and the grid's enrollment of a household (create it, pay it CNY) as an operator would.
import { addressBytesFromPublicKey } from '../../../assembly/bindings/crypto.ts';
import { signTransaction } from '../../../light-client/transactions/sign-transaction.ts';
import { bigintToLong, pvchain } from '../../../proto/index.ts';
import { createApiClient } from '../../../web/src/shared/api-client.ts';
import { type AppConfig, genesisContractAddress } from '../../../web/src/shared/config.ts';
import { toHex } from '../../shared/check.ts';
import { type LightNetwork, lightNetwork } from './light-network.ts';

const v1 = pvchain.v1;

export async function webConfig(net?: LightNetwork): Promise<AppConfig> {
  const n = net ?? (await lightNetwork());
  return {
    chainId: n.chainId,
    hash: 'sha256',
    api: createApiClient(`${location.origin}/__api`),
    trust: n.trustRoot,
    trustFromNode: false,
    peers: n.honest,
    energyContract: genesisContractAddress('sha256', n.chainId, 'energy'),
  };
}

/** Appends `element` to the page and waits for its first render. */
export async function mount<T extends HTMLElement & { updateComplete?: Promise<unknown> }>(
  element: T,
): Promise<T> {
  document.body.append(element);
  await element.updateComplete;
  return element;
}

/** Waits until `probe` returns a value other than null/undefined/false; fails after `timeoutMs`. */
export async function until<T>(
  what: string,
  probe: () => T | null | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The element matching `selector` in `host`'s shadow root (one level per selector). */
export function inShadow<T extends Element = HTMLElement>(host: Element, ...selectors: string[]) {
  let node: Element | null = host;
  for (const selector of selectors) node = node?.shadowRoot?.querySelector(selector) ?? null;
  return node as T | null;
}

/** The grid of the test network: key 2 of test/support/community.ts. */
const GRID_SECRET = (() => {
  const key = new Uint8Array(32);
  new DataView(key.buffer).setUint32(0, 3);
  return key;
})();

/** A payment of the grid's `code` from the grid to `publicKey`'s account. */
const payment = (grid: Uint8Array, publicKey: Uint8Array, code: string, amount: bigint) => ({
  type: v1.OperationType.OPERATION_TYPE_PAYMENT,
  payment: {
    destination: addressBytesFromPublicKey(publicKey),
    asset: { issuer: grid, code },
    amount: bigintToLong(amount),
  },
});

/** Signs `operations` with the grid's key and its next nonce; waits until they commit. */
async function asGrid(config: AppConfig, operations: pvchain.v1.Operation.$Properties[]) {
  const net = await lightNetwork();
  const { account } = await config.api.account(toHex(net.grid));
  const nonce = BigInt(account.nonce) + 1n;
  const signed = signTransaction(config.chainId, { secretKey: GRID_SECRET }, nonce, operations);
  const result = await config.api.submitCommitted(toHex(signed));
  if (result.status !== 'committed') throw new Error(`${result.error_code} ${result.error_desc}`);
}

/** The grid creates the household of `publicKey` and pays it `fen` of CNY and `wh` of kWh. */
export async function enrollHousehold(
  config: AppConfig,
  publicKey: Uint8Array,
  fen: bigint,
  wh = 0n,
) {
  const grid = (await lightNetwork()).grid;
  await asGrid(config, [
    {
      type: v1.OperationType.OPERATION_TYPE_CREATE_ACCOUNT,
      createAccount: {
        publicKey,
        role: v1.AccountRole.ACCOUNT_ROLE_HOUSEHOLD,
        realName: 'Test household',
      },
    },
  ]);
  await asGrid(config, [
    ...(fen > 0n ? [payment(grid, publicKey, 'CNY', fen)] : []),
    ...(wh > 0n ? [payment(grid, publicKey, 'kWh', wh)] : []),
  ]);
}
